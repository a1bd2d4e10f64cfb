"""The `impuls` command as a user runs it: `python main.py …` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workshop_app.paths import ROOT


def impuls(
    *args: object, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def exported(session: Path, folder: Path, *options: str) -> Path:
    """`impuls export SESSION --pdf` with `options`, into `folder`: a file per set of
    options, so a test may keep several side by side."""
    pdf = folder / (("-".join(o.strip("-") for o in options) or "default") + ".pdf")
    made = impuls("export", session, "--pdf", pdf, *options)
    assert made.returncode == 0, made.stderr
    return pdf


def forged_handout(other: Path, digest: str, folder: Path) -> Path:
    """The handout of session `other` with `digest` (another session's checksum) put into
    its document information: the forgery `verify` must catch by the printed figures."""
    from pypdf import PdfWriter

    made = folder / "anders.pdf"
    assert impuls("export", other, "--pdf", made, "--layout", "results").returncode == 0
    writer = PdfWriter(clone_from=made)
    writer.add_metadata({"/Keywords": f"Impuls, handout, impuls-ledger-sha256:{digest}"})
    forged = folder / "gefälscht.pdf"
    with forged.open("wb") as file:
        writer.write(file)
    return forged


def docx_text(path: Path) -> str:
    """Every paragraph's text in the order of the body, the tables' in their place."""
    import docx

    document = docx.Document(str(path))
    said = []
    for part in document.iter_inner_content():
        if isinstance(part, docx.table.Table):
            said += [c.text for r in part.rows for c in r.cells]
        else:
            said.append(part.text)
    return " ".join(" ".join(said).split())


def pdf_text(path: Path) -> str:
    """Every page's text as pypdf extracts it, its white space made single spaces."""
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
