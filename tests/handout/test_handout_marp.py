"""The handout of a Marp deck, read back: code lines, inline markup, missing images."""

from __future__ import annotations

from pathlib import Path

from tests.commands import impuls
from tests.handout.test_handout import pdftotext

DECK = """\
---
theme: dark
---
# Befehle

```bash
ls -la
cd /tmp
    echo "eingerückt"
```

~~alt~~ H<sub>2</sub>O <b>fett</b> :smile:

---

# Bild

![Grafik](fehlt.png)
"""


def test_code_lines_markup_and_missing_images_on_paper(tmp_path: Path) -> None:
    deck = tmp_path / "marp.md"
    deck.write_text(DECK, encoding="utf-8")
    pdf = tmp_path / "marp.pdf"
    result = impuls("export", deck, "--pdf", pdf)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in pdftotext(pdf).splitlines()]
    # Every code line on a line of its own, in order (the indentation is vector text
    # positions, which pdftotext does not keep exactly).
    code = [lines.index("ls -la"), lines.index("cd /tmp"), lines.index('echo "eingerückt"')]
    assert code == sorted(code) and code[2] - code[0] == 2
    text = "\n".join(lines)
    # Struck, lowered and bold text as text; the emoji, which the embedded font cannot
    # draw, is left out rather than printed as another letter (reportlab wrote ὠ).
    assert "alt H2O fett" in lines
    assert "~~" not in text and "<b>" not in text and "<sub>" not in text and "ὠ" not in text
    assert "Bild fehlt: fehlt.png" in text
