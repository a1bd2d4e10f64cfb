"""The handout of a Marp deck, read back: code lines, inline markup, missing images."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.support.commands import impuls
from tests.support.pdfs import pdftotext
from workshop_app.deck.themes import contrast_ratio

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


DARK_DECK = """\
---
theme: dark
footer: Verbandstag 2026
paginate: true
---
# Ein dunkles Deck

Text mit **fetten** Wörtern und einem [Link](https://example.org).

| Kanal | Aufwand |
|---|---|
| LinkedIn | mittel |

---

<!-- _class: invert -->
## Umgekehrt

- eins
- zwei
"""


def text_colours(pdf: Path) -> list[tuple[str, tuple[float, ...]]]:
    """Every run of visible text in the PDF with the fill colour it is set in."""
    runs: list[tuple[str, tuple[float, ...]]] = []
    fill: list[tuple[float, ...]] = [(0.0, 0.0, 0.0)]

    def before(operator: bytes, operands: list[Any], *_: object) -> None:
        if operator == b"rg":
            fill[0] = tuple(float(value) for value in operands)
        elif operator == b"g":
            fill[0] = (float(operands[0]),) * 3

    def text(value: str, *_: object) -> None:
        if value.strip():
            runs.append((value.strip(), fill[0]))

    for page in PdfReader(pdf).pages:
        fill[0] = (0.0, 0.0, 0.0)
        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return runs


def hex_of(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)


def test_printed_light_every_text_reads_on_white(tmp_path: Path) -> None:
    deck = tmp_path / "dunkel.md"
    deck.write_text(DARK_DECK, encoding="utf-8")
    pdf = tmp_path / "dunkel.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    runs = text_colours(pdf)
    assert any("Ein dunkles Deck" in text for text, _ in runs)
    # The contents' dot leaders are decoration, not text.
    words = [(text, rgb) for text, rgb in runs if text.strip(". ")]
    weak = [
        (text, hex_of(rgb)) for text, rgb in words if contrast_ratio(hex_of(rgb), "#ffffff") < 4.5
    ]
    assert weak == []
    lines = [line.strip() for line in pdftotext(pdf).splitlines()]
    assert "Verbandstag 2026" in " ".join(lines)  # the footer is on the slide frames


def test_as_presented_keeps_the_dark_slides_dark(tmp_path: Path) -> None:
    deck = tmp_path / "dunkel.md"
    deck.write_text(DARK_DECK, encoding="utf-8")
    light, presented = tmp_path / "hell.pdf", tmp_path / "wie.pdf"
    # One slide a page (--layout large), so the sample point lies inside slide 1.
    assert impuls("export", deck, "--pdf", light, "--layout", "large").returncode == 0
    made = impuls(
        "export", deck, "--pdf", presented, "--layout", "large", "--print-colors", "slides"
    )
    assert made.returncode == 0

    def slide_background(pdf: Path) -> tuple[float, ...]:
        # Page 3 holds slide 1; sample inside its frame, away from the text.
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "3", "-l", "3", str(pdf),
                        str(tmp_path / pdf.stem)], check=True)  # fmt: skip
        image = PILImage.open(next(tmp_path.glob(f"{pdf.stem}*.png"))).convert("RGB")
        pixel = image.getpixel((image.width // 2, int(image.height * 0.33)))
        assert isinstance(pixel, tuple)
        return pixel

    assert sum(slide_background(light)) > 600  # light paper colours
    assert sum(slide_background(presented)) < 150  # the dark theme's near-black


def test_math_on_paper_is_typeset(tmp_path: Path) -> None:
    deck = tmp_path / "formeln.md"
    deck.write_text("# Formeln\n\nInline $E = mc^2$.\n\n$$\n\\int_0^1 x\\,dx\n$$\n", "utf-8")
    pdf = tmp_path / "formeln.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    text = pdftotext(pdf)
    assert "E = mc2" in text  # italic letters, a raised 2: typeset, not "mc^2"
    assert "\\int" not in text and "$$" not in text and "^" not in text


def test_a_long_title_is_shortened_in_the_running_header(tmp_path: Path) -> None:
    title = "Ein sehr langer Vortragstitel " * 8
    deck = tmp_path / "lang.md"
    deck.write_text(f"---\ntitle: {title.strip()}\nevent: Verbandstag\n---\n# A\n", "utf-8")
    pdf = tmp_path / "lang.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    page = PdfReader(pdf).pages[1]
    header = page.extract_text().splitlines()[0]
    assert header.startswith("Ein sehr langer Vortragstitel") and "…" in header
    assert header.endswith(" · Verbandstag")  # the title gives way, the event stays
    assert len(header) < len(title)


def test_a_line_break_in_a_paragraph_is_one_on_paper_too(tmp_path: Path) -> None:
    # Marp sets `breaks`: the screen showed two lines, the handout ran them together.
    deck = tmp_path / "zeilen.md"
    deck.write_text("# Zeilen\n\nErste Zeile\nZweite Zeile<br>Dritte Zeile\n", "utf-8")
    pdf = tmp_path / "zeilen.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    lines = [line.strip() for line in pdftotext(pdf).splitlines()]
    assert {"Erste Zeile", "Zweite Zeile", "Dritte Zeile"} <= set(lines)


def test_a_footer_prints_its_logo_and_its_words(tmp_path: Path) -> None:
    # The handout printed a footer as plain text and left its logo out.
    PILImage.new("RGB", (200, 100), "#d00000").save(tmp_path / "logo.png")
    deck = tmp_path / "fuss.md"
    deck.write_text("---\nfooter: '![h:30](logo.png) **Verband** 2026'\n---\n# A\n", "utf-8")
    pdf = tmp_path / "fuss.pdf"
    assert impuls("export", deck, "--pdf", pdf).returncode == 0
    assert "Verband 2026" in pdftotext(pdf)
    page = PdfReader(pdf).pages[2]  # cover, contents, then slide 1
    sizes = [image.image.size for image in page.images if image.image is not None]
    assert sizes == [(200, 100)]


def test_a_broken_background_is_left_out_and_named_not_hidden(tmp_path: Path) -> None:
    # Not a picture at all, and a PNG cut off halfway: reportlab fails on the first
    # when reading its size, on the second only when drawing it (as a background and
    # as the footer's logo, which stopped the whole handout before).
    (tmp_path / "kaputt.png").write_bytes(b"kein Bild")
    noise = io.BytesIO()
    PILImage.effect_noise((400, 300), 50).convert("RGB").save(noise, "PNG")
    (tmp_path / "halb.png").write_bytes(noise.getvalue()[: len(noise.getvalue()) // 2])
    deck = tmp_path / "hintergrund.md"
    deck.write_text('---\nfooter: "![](halb.png) Verein"\n---\n\n# Eins\n\n![bg](kaputt.png)\n'
                    "\n---\n\n# Zwei\n\n![bg left](halb.png)\n", encoding="utf-8")  # fmt: skip
    pdf = tmp_path / "hintergrund.pdf"
    result = impuls("export", deck, "--pdf", pdf)
    assert result.returncode == 0, result.stderr
    # Each is named with what is wrong with it; before, both vanished without a word.
    assert "kaputt.png not readable" in result.stderr
    assert result.stderr.count("halb.png not readable") >= 2 and "truncated" in result.stderr
    assert "Zwei" in pdftotext(pdf)


def quote_fonts(pdf: Path, quote: str) -> set[str]:
    """The fonts of the page that prints `quote` (subset tags dropped)."""
    for page in PdfReader(pdf).pages:
        if quote in page.extract_text():
            resources = page["/Resources"].get_object()
            assert isinstance(resources, DictionaryObject)
            fonts = resources.get("/Font", DictionaryObject()).get_object().values()
            return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts}
    raise AssertionError(f"no page prints {quote!r}")


def test_a_quote_is_set_as_its_theme_says_on_paper(tmp_path: Path) -> None:
    # Paper set every quote upright; the screen sets ours in italics and Marp's
    # themes' upright ([setting] quote_italic), and paper now reads the same value.
    found = {}
    for theme in ("light", "gaia"):
        deck = tmp_path / f"{theme}.md"
        deck.write_text(f"---\ntheme: {theme}\n---\n# Zitat\n\n> Wer fragt, führt.\n")
        pdf = tmp_path / f"{theme}.pdf"
        result = impuls("export", deck, "--pdf", pdf, "--layout", "large")
        assert result.returncode == 0, result.stderr
        found[theme] = quote_fonts(pdf, "Wer fragt")
    slanted = ("Italic", "Oblique")  # DejaVu's word, Liberation's and Arial's
    assert any(word in name for name in found["light"] for word in slanted), found
    assert not any(word in name for name in found["gaia"] for word in slanted), found
