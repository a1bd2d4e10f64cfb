"""TeX → a vector picture of the formula, for every surface that shows math.

Marp typesets `$…$` and `$$…$$` with KaTeX in the browser. We have no browser:
ziamath (pure Python, MIT) lays TeX out with the STIX Two Math font and returns
SVG paths, which Qt draws on the screen and svglib turns into reportlab vector
graphics on paper, so a formula is typeset the same way on the wall and in the
handout. It is imported only when a deck has math.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger("impuls.deck")


@dataclass(frozen=True)
class Formula:
    svg: str
    width: float  # pixels at the size asked for
    height: float


def unreadable_tex() -> tuple[type[Exception], ...]:
    """What ziamath and latex2mathml raise for TeX they cannot read.

    latex2mathml has an exception for each mistake it finds (a missing `}`, a `^`
    with nothing after it); an `&` outside a table makes MathML that is not XML;
    ziamath's layout stumbles with an assertion, an index or a value error on a
    formula that lacks a part (`\\frac{1}`). Found by feeding both thousands of
    broken formulas. A function, as handout.slides.unreadable_image: the libraries
    load only when a deck has math.
    """
    import xml.etree.ElementTree as ET

    from latex2mathml import exceptions

    mistakes = tuple(
        kind
        for kind in vars(exceptions).values()
        if isinstance(kind, type) and issubclass(kind, Exception)
    )
    return (*mistakes, ET.ParseError, AssertionError, IndexError, ValueError)


def typeset(tex: str, size: float, color: str, *, display: bool) -> Formula | None:
    """The formula at font `size` px in `color` (#rrggbb); None when TeX it cannot read."""
    return _typeset(tex, round(size, 1), color, display)


@lru_cache(maxsize=512)
def _typeset(tex: str, size: float, color: str, display: bool) -> Formula | None:
    with warnings.catch_warnings():
        # ziamath finds its font with importlib.resources.path, deprecated since 3.11;
        # a warning about its packaging is nothing a speaker can act on.
        warnings.simplefilter("ignore", DeprecationWarning)
        from ziamath.config import config
        from ziamath.zmath import Latex

    # SVG 1.1 paths rather than SVG 2 <symbol> references: QtSvg and svglib read
    # only those.
    config.svg2 = False
    try:
        with warnings.catch_warnings():  # ziafont finds its text font the same way
            warnings.simplefilter("ignore", DeprecationWarning)
            latex = Latex(tex, size=size, color=color, inline=not display)
            svg = latex.svg()
            width, height = latex.getsize()
    # Every one of these means the same to a speaker: this formula has a mistake
    # (`check` says so at its line). Anything else is a bug, and is raised as one.
    except unreadable_tex() as error:
        log.debug("formula %r not typeset: %r", tex, error)
        return None
    return Formula(svg, float(width), float(height))


def readable(tex: str) -> bool:
    """Whether the formula can be typeset (for `check`)."""
    return typeset(tex, 24, "#000000", display=False) is not None


def inline_markup(tex: str) -> str | None:
    """An inline formula as reportlab paragraph markup (italic letters, raised and
    lowered parts, a/b), for paper, where a paragraph cannot hold a drawing.

    ziamath's own reader (latex2mathml) gives the MathML; None if it cannot read it.
    """
    import xml.etree.ElementTree as ET

    from latex2mathml.converter import convert

    try:
        root = ET.fromstring(convert(tex))
    except unreadable_tex():  # a mistake in the formula, which `check` names
        return None
    return _markup(root)


def _markup(element: object) -> str:
    import html
    import xml.etree.ElementTree as ET

    assert isinstance(element, ET.Element)
    tag = element.tag.rsplit("}", 1)[-1]
    children = [_markup(child) for child in element]
    text = html.escape(element.text or "", quote=False)
    if tag == "mi":
        return f"<i>{text}</i>" if len(element.text or "") == 1 else text
    if tag in ("mn", "mo", "mtext", "ms"):
        return f" {text} " if tag == "mo" and text in "=+<>≤≥≈±×·−" and text else text
    if tag == "msup" and len(children) == 2:
        return f"{children[0]}<super>{children[1]}</super>"
    if tag == "msub" and len(children) == 2:
        return f"{children[0]}<sub>{children[1]}</sub>"
    if tag == "msubsup" and len(children) == 3:
        return f"{children[0]}<sub>{children[1]}</sub><super>{children[2]}</super>"
    if tag == "mfrac" and len(children) == 2:
        return f"{_grouped(children[0])}/{_grouped(children[1])}"
    if tag == "msqrt":
        return f"√({''.join(children)})" if len(children) != 1 else f"√{_grouped(children[0])}"
    return text + "".join(children)


def _grouped(markup: str) -> str:
    plain = markup.replace("<i>", "").replace("</i>", "")
    return markup if len(plain) <= 1 else f"({markup})"
