"""„Vortragsdaten …“: the talk's title, speaker, date, design and what phones may do,
in a form instead of the front matter's YAML."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck.frontmatter import MAX_DURATION_MINUTES
from workshop_app.deck.model import THEMES, Severity
from workshop_app.deck.talk_details import TalkDetails, check_details, read_details, with_details
from workshop_app.deck.themes import load_theme
from workshop_app.i18n import tr


class TalkDetailsDialog(QDialog):
    """The front matter's keys a speaker sets, checked as `check` checks them."""

    def __init__(self, parent: QWidget | None, head: tuple[str, ...]) -> None:
        super().__init__(parent)
        self.head = head
        self.original = read_details(head)
        self.setWindowTitle(tr("details.title"))
        self.title = QLineEdit(self.original.title)
        self.subtitle = QLineEdit(self.original.subtitle)
        self.author = QLineEdit(self.original.author)
        self.occasion = QLineEdit(self.original.event)
        self.occasion.setPlaceholderText(tr("details.event_placeholder"))
        self.day = QLineEdit(self.original.date)
        self.day.setPlaceholderText(tr("details.date_placeholder"))
        today = QPushButton(tr("details.today"))
        today.setAutoDefault(False)
        today.clicked.connect(lambda: self.day.setText(date.today().isoformat()))
        day_row = QHBoxLayout()
        day_row.addWidget(self.day, 1)
        day_row.addWidget(today)
        self.theme = QComboBox()
        self.theme.addItem(tr("details.theme_default"), "")
        for name in THEMES:
            self.theme.addItem(load_theme(name).display_name(), name)
        known = self.theme.findData(self.original.theme)
        if known < 0 and self.original.theme:  # a theme of the speaker's own: kept
            self.theme.addItem(self.original.theme, self.original.theme)
            known = self.theme.count() - 1
        self.theme.setCurrentIndex(max(known, 0))
        self.duration = QSpinBox()
        self.duration.setRange(0, MAX_DURATION_MINUTES)
        self.duration.setSpecialValueText(tr("details.no_duration"))
        self.duration.setSuffix(tr("details.minutes"))
        self.duration.setValue(self.original.duration or 0)
        self.paginate = QCheckBox(tr("details.paginate"))
        self.paginate.setChecked(self.original.paginate)
        self.questions = QCheckBox(tr("details.questions"))
        self.questions.setChecked(self.original.questions)
        self.follow = QCheckBox(tr("details.follow"))
        self.follow.setChecked(self.original.follow)
        form = QFormLayout()
        form.addRow(tr("details.field_title"), self.title)
        form.addRow(tr("details.field_subtitle"), self.subtitle)
        form.addRow(tr("details.field_author"), self.author)
        form.addRow(tr("details.field_event"), self.occasion)
        form.addRow(tr("details.field_date"), day_row)
        form.addRow(tr("details.field_theme"), self.theme)
        form.addRow(tr("details.field_duration"), self.duration)
        form.addRow("", self.paginate)
        form.addRow("", self.questions)
        form.addRow("", self.follow)
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c01c28;")
        self.errors.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("details.cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        for edit in (self.title, self.subtitle, self.author, self.occasion, self.day):
            edit.textChanged.connect(self.refresh)
        self.theme.currentIndexChanged.connect(self.refresh)
        self.duration.valueChanged.connect(self.refresh)
        for box in (self.paginate, self.questions, self.follow):
            box.toggled.connect(self.refresh)
        self.resize(560, self.sizeHint().height())
        self.refresh()

    def details(self) -> TalkDetails:
        return dataclasses.replace(
            self.original,
            title=self.title.text(),
            subtitle=self.subtitle.text(),
            author=self.author.text(),
            event=self.occasion.text(),
            date=self.day.text(),
            theme=str(self.theme.currentData() or ""),
            duration=self.duration.value() or None,
            paginate=self.paginate.isChecked(),
            questions=self.questions.isChecked(),
            follow=self.follow.isChecked(),
        )

    def new_head(self) -> tuple[str, ...]:
        """The Draft's head with these details; other lines as they were."""
        return with_details(self.head, self.details())

    def refresh(self) -> None:
        problems = check_details(self.details(), self.head)
        errors = [p.message() for p in problems if p.severity is Severity.ERROR]
        self.errors.setText("\n".join(errors))
        self.errors.setVisible(bool(errors))
        self.ok_button.setEnabled(not errors)

    def accept(self) -> None:
        self.refresh()
        if self.ok_button.isEnabled():
            super().accept()
