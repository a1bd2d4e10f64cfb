"""ui/form_row.py: a field and its buttons side by side, flush with the other fields."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from workshop_app.ui.form_row import form_row


def test_a_rows_field_starts_where_the_fields_above_it_start(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    above, path, choose, clear = QLineEdit(), QLineEdit(), QPushButton("…"), QPushButton("×")
    layout.addRow("Sitzung", above)
    layout.addRow("Ziel", form_row(path, choose, clear))
    form.resize(480, 120)
    form.show()
    qtbot.waitExposed(form)

    def left(widget: QWidget) -> int:
        return widget.mapTo(form, widget.rect().topLeft()).x()

    assert left(path) == left(above)  # no margin of its own in the form
    assert left(path) + path.width() <= left(choose) < left(clear)  # left to right
    right = left(clear) + clear.width()
    assert right == left(above) + above.width()  # and ends where the field above ends
