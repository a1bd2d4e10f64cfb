"""The code colours of Marp's themes, as Pygments styles.

Marp colours code with highlight.js and each theme its own way: the default theme
with GitHub's colours (github-markdown-css's `prettylights`, light and dark), Uncover
with its own few. Pygments names the pieces of code differently from highlight.js;
each style below gives a Pygments token the colour its theme gives the
highlight.js class that marks the same piece (a keyword, a string, a defined
function's name, an HTML tag), and none where highlight.js marks nothing (an
operator, a module's path, a call's name in Python). No bold, no italics where the
theme has none. A colour that would not keep 4.5:1 against the theme's code panel
(Uncover's green and blue on its light grey) is darkened, or on a dark panel
lightened, until it does, as the themes' link colours are. Imported with Pygments,
when a deck has code (deck/highlight.py).
"""

from __future__ import annotations

from pygments.style import Style
from pygments.token import (
    Comment,
    Generic,
    Keyword,
    Name,
    Number,
    Operator,
    String,
    Token,
    _TokenType,
)

from workshop_app.deck.themes import readable_on

LEAST_CONTRAST = 4.5


# Pygments' tokens → the highlight.js class that marks the same piece of code. A
# token left out takes its parent's (Name, an operator, punctuation: the text's).
CLASSES: dict[_TokenType, str] = {
    Token: "text",
    Comment: "comment",
    Comment.Preproc: "meta",
    Comment.PreprocFile: "string",
    Keyword: "keyword",
    Keyword.Constant: "literal",  # True, None, null
    Keyword.Type: "type",
    Operator.Word: "keyword",  # and, or, not, in
    Name.Builtin: "built_in",
    Name.Builtin.Pseudo: "keyword",  # self, this: `variable.language_`
    Name.Function: "title",
    Name.Class: "title",
    Name.Exception: "title",
    Name.Decorator: "meta",
    Name.Tag: "name",  # an HTML or XML element, a JSON key
    Name.Attribute: "attr",
    Name.Variable: "variable",
    Name.Constant: "literal",
    String: "string",
    Number: "number",
    Generic.Heading: "section",
    Generic.Subheading: "section",
    Generic.Inserted: "addition",
    Generic.Deleted: "deletion",
}
# What a theme's CSS sets besides the colour (neither theme sets italics in code).
EXTRA = {"section": "bold", "strong": "bold"}


def _styles(panel: str, colors: dict[str, str]) -> dict[_TokenType, str]:
    """A theme's colours of highlight.js's classes (`colors`) as Pygments' styles of
    the tokens, readable on its code `panel`."""
    styles: dict[_TokenType, str] = {
        Name: "", String.Interpol: "", String.Escape: "",
        Generic.Emph: "italic", Generic.Strong: "bold",
    }  # fmt: skip
    for token, name in CLASSES.items():
        color = readable_on(colors.get(name, ""), panel, LEAST_CONTRAST)
        styles[token] = " ".join(part for part in (EXTRA.get(name, ""), color) if part)
    return styles


class GithubLight(Style):
    """Marp's default theme: github-markdown-css's `prettylights` colours."""

    name = "marp-github-light"
    styles = _styles("#f6f8fa", {
        "text": "#1f2328", "keyword": "#cf222e", "type": "#cf222e", "title": "#6639ba",
        "literal": "#0550ae", "number": "#0550ae", "attr": "#0550ae", "meta": "#0550ae",
        "variable": "#0550ae", "name": "#0550ae", "section": "#0550ae", "string": "#0a3069",
        "built_in": "#953800", "comment": "#59636e", "addition": "#116329",
        "deletion": "#82071e",
    })  # fmt: skip


class GithubDark(Style):
    """Marp's default theme under `invert`: the same classes in GitHub's dark colours."""

    name = "marp-github-dark"
    styles = _styles("#151b23", {
        "text": "#f0f6fc", "keyword": "#ff7b72", "type": "#ff7b72", "title": "#d2a8ff",
        "literal": "#79c0ff", "number": "#79c0ff", "attr": "#79c0ff", "meta": "#79c0ff",
        "variable": "#79c0ff", "name": "#7ee787", "section": "#1f6feb", "string": "#a5d6ff",
        "built_in": "#ffa657", "comment": "#9198a1", "addition": "#aff5b4",
        "deletion": "#ffdcd7",
    })  # fmt: skip


class UncoverLight(Style):
    """Marp's Uncover: keywords and names blue, strings violet, numbers green."""

    name = "marp-uncover-light"
    styles = _styles("#eeeef2", {
        "text": "#202228", "keyword": "#3182bd", "type": "#3182bd", "title": "#3182bd",
        "built_in": "#3182bd", "name": "#3182bd", "section": "#3182bd", "string": "#756bb1",
        "addition": "#756bb1", "meta": "#756bb1", "literal": "#31a354", "number": "#31a354",
        "comment": "#636363", "variable": "#8888ff", "deletion": "#8888ff",
    })  # fmt: skip


class UncoverDark(Style):
    """Marp's Uncover under `invert`: its olive, brown and mauve."""

    name = "marp-uncover-dark"
    styles = _styles("#2e3037", {
        "text": "#ffffff", "keyword": "#8f9c6c", "string": "#8f9c6c", "addition": "#8f9c6c",
        "type": "#9b869b", "title": "#9b869b", "name": "#9b869b", "section": "#9b869b",
        "built_in": "#ab875d", "literal": "#ab875d", "number": "#ab875d",
        "variable": "#ab875d", "meta": "#ab875d", "deletion": "#ab875d", "comment": "#777777",
    })  # fmt: skip


# A theme's `code_colors` (resources/themes/*.toml) → its styles on a light and a dark panel.
STYLES: dict[str, tuple[type[Style], type[Style]]] = {
    "github": (GithubLight, GithubDark),
    "uncover": (UncoverLight, UncoverDark),
}
