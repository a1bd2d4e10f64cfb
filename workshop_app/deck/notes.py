"""A speaker's notes as every surface shows them: the console, the remote, paper.

Notes are typed in an editor that wraps them at its own width. A blank line
parts paragraphs; a list item, or a line after a finished sentence, starts a
line of its own; any other line was wrapped by the editor and runs on. A PDF
deck's notes come from PowerPoint or pdfpc, where every line break ends a
paragraph: those keep every line (`as_typed`).
"""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,3}[.)])\s")
_SENTENCE_ENDS = (".", "!", "?", ":", "…", "“", '"', ")")


def note_paragraphs(notes: str, *, as_typed: bool = False) -> list[list[str]]:
    """The notes' paragraphs, each a list of its lines as they are shown."""
    paragraphs = []
    for block in notes.split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            said = " ".join(line.split())
            if not said:
                continue
            runs_on = not (as_typed or _LIST_ITEM.match(said) or lines[-1:] == []
                           or lines[-1].endswith(_SENTENCE_ENDS))  # fmt: skip
            if runs_on:
                lines[-1] = f"{lines[-1]} {said}"
            else:
                lines.append(said)
        if lines:
            paragraphs.append(lines)
    return paragraphs


def shown_notes(notes: str, *, as_typed: bool = False) -> str:
    """The notes as one text: lines on their own lines, a blank line between paragraphs."""
    return "\n\n".join("\n".join(lines) for lines in note_paragraphs(notes, as_typed=as_typed))
