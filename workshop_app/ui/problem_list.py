"""A deck's problems as a list, in the library and in the editor alike: errors
first, by line; each with its line and words as `check` says them, without the
path (one deck is shown), and in its severity's colour."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from workshop_app.deck import Problem, Severity
from workshop_app.i18n import tr

LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # a problem in the list: its line
COLORS = {Severity.ERROR: QColor("#c01c28"), Severity.WARNING: QColor("#9c6a00")}


def said(problem: Problem) -> str:
    """ "Fehler: …" or "Hinweis: …", as `check` prints it after the file and line."""
    kind = tr("severity.error" if problem.severity is Severity.ERROR else "severity.warning")
    return f"{kind}: {problem.message()}"


def show_problems(widget: QListWidget, problems: Iterable[Problem]) -> None:
    widget.clear()
    ordered = sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.line or 0))
    if not ordered:
        widget.addItem(tr("library.no_problems"))
    for problem in ordered:
        text = said(problem)
        if problem.line is not None:
            text = tr("library.problem", line=problem.line, text=text)
        item = QListWidgetItem(text, widget)
        item.setData(LINE_ROLE, problem.line)
        item.setForeground(COLORS[problem.severity])


def line_of(item: QListWidgetItem) -> int | None:
    """The file's line a listed problem stands at (None: the deck as a whole)."""
    line = item.data(LINE_ROLE)
    return line if isinstance(line, int) else None
