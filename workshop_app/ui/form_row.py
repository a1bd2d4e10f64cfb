"""One row of a form that holds more than one widget: a path and its "Choose…" button.

QFormLayout takes one widget a field; the export dialog and the new-talk dialog put a
field and its buttons side by side in it, flush with the fields above and below.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def form_row(*widgets: QWidget) -> QWidget:
    """`widgets` left to right in one widget without margins of its own."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return row
