"""The handout's fonts: a Unicode TrueType family found on this machine and embedded.

reportlab's built-in Helvetica is neither embedded nor able to set „“ – € in
every viewer, so every string in the PDF (chart labels too) uses these names.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.tables import CellStyle

SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, MONO = (
    "ImpulsSans", "ImpulsSans-Bold", "ImpulsSans-Italic", "ImpulsSans-BoldItalic", "ImpulsMono",
)  # fmt: skip

# Each face: the files to look for, best first (DejaVu is on every Debian; Liberation
# and the Windows/macOS fonts cover machines without it).
FACES: dict[str, tuple[str, ...]] = {
    SANS: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"),
    SANS_ITALIC: (
        "DejaVuSans-Oblique.ttf", "LiberationSans-Italic.ttf", "Arial Italic.ttf", "ariali.ttf",
    ),
    SANS_BOLD_ITALIC: (
        "DejaVuSans-BoldOblique.ttf", "LiberationSans-BoldItalic.ttf", "Arial Bold Italic.ttf",
        "arialbi.ttf",
    ),
    MONO: ("DejaVuSansMono.ttf", "LiberationMono-Regular.ttf", "Courier New.ttf", "cour.ttf"),
}  # fmt: skip
FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
    "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts",
)  # fmt: skip


class FontError(Exception):
    """No usable Unicode TrueType font on this machine."""


@dataclass(frozen=True)
class FontFiles:
    files: dict[str, Path]


def _candidates() -> dict[str, Path]:
    """Every .ttf below the usual font folders, by file name (first found wins)."""
    found: dict[str, Path] = {}
    folders = [Path(d).expanduser() for d in FONT_DIRS]
    if shutil.which("fc-list"):  # fontconfig knows folders we do not
        import subprocess  # only here, where the usual places had no font (a handout's start)

        listed = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=False
        ).stdout
        for line in listed.splitlines():
            path = Path(line.strip())
            if path.suffix.lower() == ".ttf":
                found.setdefault(path.name, path)
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*.ttf"):
                found.setdefault(path.name, path)
    return found


# Where the packages put them: checked first, so the usual case costs no folder scan.
KNOWN_DIRS = (
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/liberation", "/Library/Fonts", "C:/Windows/Fonts",
)  # fmt: skip


def _known() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in map(Path, KNOWN_DIRS):
        for names in FACES.values():
            for name in names:
                if name not in found and (folder / name).is_file():
                    found[name] = folder / name
    return found


@cache
def find_fonts() -> FontFiles:
    available = _known()
    if not all(any(n in available for n in names) for names in FACES.values()):
        available = {**_candidates(), **available}
    chosen: dict[str, Path] = {}
    for face, names in FACES.items():
        path = next((available[n] for n in names if n in available), None)
        if path is None:
            raise FontError(
                "no Unicode TrueType font found for the handout (looked for "
                f"{', '.join(names[:2])}); on Debian/Ubuntu: "
                "sudo apt-get install -y fonts-dejavu-core"
            )
        chosen[face] = path
    return FontFiles(chosen)


_registered: set[str] = set()


def register_fonts(faces: frozenset[str] = frozenset({SANS, SANS_BOLD})) -> FontFiles:
    """Register `faces` with reportlab (each once); `<b>` and `<i>` map to the family.

    Reading a TrueType file costs ~25 ms, so faces a handout does not use (italic,
    monospace) are left out; their mappings then fall back to the regular face.
    """
    fonts = find_fonts()
    for face in (faces | {SANS, SANS_BOLD}) - _registered:
        pdfmetrics.registerFont(TTFont(face, str(fonts.files[face])))
        _registered.add(face)

    def have(face: str, fallback: str) -> str:
        return face if face in _registered else fallback

    # addMapping also records what a font *is* (family, bold, italic), and the last
    # call for a font wins. So the stand-ins come first and each face's own mapping
    # last: were the regular face last recorded as mono bold italic (its stand-in
    # role), `<b>` and `<i>` in a paragraph set in it would change nothing.
    mono = have(MONO, SANS)
    for bold, italic in ((1, 1), (1, 0), (0, 1), (0, 0)):
        addMapping(MONO, bold, italic, mono)
    addMapping(SANS, 1, 1, have(SANS_BOLD_ITALIC, SANS_BOLD))
    addMapping(SANS, 0, 1, have(SANS_ITALIC, SANS))
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 0, SANS)
    # reportlab's defaults name Helvetica (graphics, table cells, the canvas's first font):
    # pointed at our family, no unembedded font is ever referenced.
    rl_config.canvas_basefontname = SANS
    STATE_DEFAULTS["fontName"] = SANS
    CellStyle.fontname = SANS
    # Binary streams, not ASCII85 text (a default from when PDFs travelled as 7-bit
    # mail): the embedded fonts and images shrink the handout by ~8 %.
    rl_config.useA85 = 0
    return fonts


def drawable(text: str) -> str:
    """`text` without the characters the handout cannot print correctly.

    reportlab writes a character the embedded family has no glyph for anyway, and
    one beyond the Basic Multilingual Plane (most emoji) comes out as a different
    letter even where the font has it (😄 printed as ὠ): on paper a missing
    character is better than a wrong one.
    """
    if text.isascii():
        return text
    glyphs = _glyphs()
    if max(text) <= "\uffff" and glyphs.issuperset(map(ord, text)):
        return text  # the usual case (umlauts, „“, –, €), decided in C, not char by char
    return "".join(
        char
        for char in text
        if char in "\n\t" or (ord(char) <= 0xFFFF and (not glyphs or ord(char) in glyphs))
    )


_glyph_set: frozenset[int] = frozenset()


def _glyphs() -> frozenset[int]:
    global _glyph_set
    if not _glyph_set and SANS in _registered:
        _glyph_set = frozenset(pdfmetrics.getFont(SANS).face.charToGlyph)
    return _glyph_set
