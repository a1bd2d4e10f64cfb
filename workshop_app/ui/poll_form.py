"""A poll or a live question list made in a form, for a speaker who has never seen YAML.

The dialogs only show fields: what the block says and whether it is right come
from `workshop_app.deck.poll_form`, which asks the deck's own reader. Each
problem appears in red under the field that caused it, as the speaker types; OK
stays disabled while there is one, so a broken block is never written.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Collection, Mapping
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck.model import ELIGIBLE_WORDS, Eligible, Majority, Poll, PollType
from workshop_app.deck.poll_form import (
    EXTRA,
    GENERAL,
    QUIZ_TYPES,
    FieldProblem,
    PollForm,
    QuestionsForm,
    check_poll_form,
    check_questions_form,
    pair_forms,
    poll_blocks,
    poll_slide_texts,
    questions_block_text,
    questions_slide_text,
    read_poll_form,
    read_questions_form,
    suggest_id,
)
from workshop_app.deck.polls import DEFAULT_TEXT_LENGTH, MAX_OPTIONS, MAX_TEXT_LENGTH
from workshop_app.deck.question_block import MOST_SHOWN
from workshop_app.i18n import tr

PAIR = "pair"  # the type chooser's before/after entry
TYPES = {
    PollType.SINGLE.value: "poll_form.type.single",
    PollType.MULTIPLE.value: "poll_form.type.multiple",
    PollType.SCALE.value: "poll_form.type.scale",
    PollType.TEXT.value: "poll_form.type.text",
    PollType.RANKING.value: "poll_form.type.ranking",
    PollType.MOTION.value: "motion.form.type",
    PAIR: "poll_form.type.pair",  # last: disabled when a poll is edited
}
PAIRABLE = [value for value in TYPES if value not in (PAIR, PollType.MOTION.value)]
ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: palette(placeholder-text);"


def _answers(text: str, *, whole: bool) -> tuple[str, ...]:
    parts = [text] if whole else text.split(",")
    return tuple(part.strip() for part in parts if part.strip())


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    """The non-blank lines of an editor, one entry each."""
    return tuple(line.strip() for line in edit.toPlainText().split("\n") if line.strip())


def _lines_edit(placeholder: str, rows: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab leaves the field; Enter is a new line
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * rows + 14)
    return edit


class _Field(QWidget):
    """A field with its error (red) and hint lines under it."""

    def __init__(self, *widgets: QWidget, hint: str = "") -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        if len(widgets) > 1 or isinstance(widgets[0], QSpinBox):
            row.addStretch(1)  # a number needs no full width
        layout.addLayout(row)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)

    def show_errors(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))


class _FormDialog(QDialog):
    """What both dialogs share: fields with errors, an advanced part, OK while valid."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.advanced_layout = QFormLayout()
        self.advanced_layout.setContentsMargins(0, 0, 0, 0)
        self.advanced_layout.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )
        self.advanced = QWidget()
        self.advanced.setLayout(self.advanced_layout)
        self.advanced.hide()
        self.advanced_button = QPushButton(tr("poll_form.advanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setAutoDefault(False)
        self.advanced_button.toggled.connect(self.advanced.setVisible)
        self.general = QLabel()
        self.general.setWordWrap(True)
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("poll_form.cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter in a one-line field is OK (the default button); in a list it is a new line.
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.fields: dict[str, _Field] = {}
        self.problems: list[FieldProblem] = []
        self._tried = False  # OK was pressed: every error shows from now on
        self._armed = False  # built: see `_opened`
        self._quiet = True  # nothing changed since it opened

    def _assemble(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form_layout)
        advanced_row = QHBoxLayout()
        advanced_row.addWidget(self.advanced_button)
        advanced_row.addStretch(1)
        layout.addLayout(advanced_row)
        layout.addWidget(self.advanced)
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # One label width for every row, shown or not: no jump as the kind changes.
        labels = [
            label
            for form in (self.form_layout, self.advanced_layout)
            for field in self.fields.values()
            if isinstance(label := form.labelForField(field), QLabel)
        ]
        widest = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(widest)

    def _row(self, layout: QFormLayout, name: str, label: str, field: _Field) -> None:
        self.fields[name] = field
        layout.addRow(label, field)

    def _problems(self) -> list[FieldProblem]:
        raise NotImplementedError

    def refresh(self) -> None:
        """Check the form and show each problem at its field; OK only without any."""
        if self._armed:
            self._quiet = False
        self.problems = self._problems()
        by_field: dict[str, list[str]] = {}
        for problem in self.problems:
            name = problem.field if problem.field in self.fields else GENERAL
            messages = by_field.setdefault(name, [])
            if problem.message() not in messages:
                messages.append(problem.message())
        if self._untouched():  # a new, empty form does not scold: OK waits, greyed out
            by_field = {}
        for name, field in self.fields.items():
            field.show_errors(by_field.get(name, []))
        self.general.setText("\n".join(by_field.get(GENERAL, [])))
        self.general.setVisible(GENERAL in by_field)
        advanced_names = {n for n, f in self.fields.items() if self.advanced.isAncestorOf(f)}
        if advanced_names & by_field.keys() and not self.advanced_button.isChecked():
            self.advanced_button.setChecked(True)  # an error must not hide in a closed part
        self.ok_button.setEnabled(not self.problems)

    def _untouched(self) -> bool:
        """A new block's form as it opened, nothing changed yet, OK not tried."""
        return bool(getattr(self, "new", False)) and self._quiet and not self._tried

    def _opened(self) -> None:
        """The dialog is built: a refresh from now on follows a change by the speaker."""
        self._armed = True

    def accept(self) -> None:
        self._tried = True
        self.refresh()
        if not self.problems:  # refused while the block would be broken
            super().accept()


class PollFormDialog(_FormDialog):
    """Make a poll (`block` None: new slides) or edit one (`block`: its YAML body).

    `other_ids`: the ids of the deck's other polls (without the one edited);
    `other_polls`, when given, also checks a `compare_with` partner's options.
    After `exec()` is accepted: `blocks()` and, for new slides, `slide_texts()`.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        block: str | None,
        other_ids: Collection[str],
        other_polls: Mapping[str, Poll] | None = None,
    ) -> None:
        super().__init__(parent)
        self.new = block is None
        self.other_ids = frozenset(other_ids)
        self.other_polls = other_polls
        defaults = PollForm(options=tuple(tr("poll_form.default_options").split("\n")))
        self.original = defaults if block is None else read_poll_form(block)
        # A poll's id stays (phones and results know it); a new one follows its question.
        self.id_edited = bool(self.original.id)
        self.setWindowTitle(tr("poll_form.title_new" if self.new else "poll_form.title_edit"))

        self.type_box = QComboBox()
        for value, message_id in TYPES.items():
            self.type_box.addItem(tr(message_id), value)
        self.pair_type = QComboBox()
        for value in PAIRABLE:  # a motion is decided once, not asked before and after
            self.pair_type.addItem(tr(TYPES[value]), value)
        if not self.new:  # an existing poll is one poll; its partner is on its own slide
            model = cast(QStandardItemModel, self.type_box.model())
            model.item(len(TYPES) - 1).setEnabled(False)
        self.question = QLineEdit()
        self.question.setPlaceholderText(tr("poll_form.question_placeholder"))
        self.options = _lines_edit(tr("poll_form.options_placeholder"), 5)
        self.max_choices = QSpinBox()
        self.max_choices.setRange(0, MAX_OPTIONS)
        self.max_choices.setSpecialValueText(tr("poll_form.all"))
        self.correct = QLineEdit()
        self.correct.setPlaceholderText(tr("poll_form.correct_placeholder"))
        self.scale_min = QSpinBox()
        self.scale_max = QSpinBox()
        for spin in (self.scale_min, self.scale_max):
            spin.setRange(-100, 100)
        self.labels = _lines_edit(tr("poll_form.labels_placeholder"), 2)
        self.max_length = QSpinBox()
        self.max_length.setRange(1, MAX_TEXT_LENGTH)
        self.max_length.setSuffix(tr("poll_form.characters"))
        self.majority = QComboBox()
        for majority in Majority:
            self.majority.addItem(majority.words(), majority.value)
        self.quorum = QLineEdit()
        self.quorum.setPlaceholderText(tr("motion.form.quorum_placeholder"))
        self.eligible = QComboBox()
        for eligible, message_id in ELIGIBLE_WORDS.items():
            self.eligible.addItem(tr(message_id), eligible.value)
        self.heading = QLineEdit()
        self.heading.setPlaceholderText(tr("poll_form.heading_placeholder"))
        self.poll_id = QLineEdit()
        self.compare_with = QLineEdit()
        self.extra = _lines_edit("", 3)

        form = self.form_layout
        self._row(form, "type", tr("poll_form.type"), _Field(self.type_box))
        self._row(form, "pair_type", tr("poll_form.pair_type"),
                  _Field(self.pair_type, hint=tr("poll_form.pair_hint")))  # fmt: skip
        self._row(form, "question", tr("poll_form.question"), _Field(self.question))
        options_hint = tr("poll_form.options_hint", most=MAX_OPTIONS)
        self._row(form, "options", tr("poll_form.options"), _Field(self.options, hint=options_hint))
        self._row(form, "max_choices", tr("poll_form.max_choices"), _Field(self.max_choices))
        self._row(form, "correct", tr("poll_form.correct"),
                  _Field(self.correct, hint=tr("poll_form.correct_hint")))  # fmt: skip
        scale = _Field(QLabel(tr("poll_form.scale_from")), self.scale_min,
                       QLabel(tr("poll_form.scale_to")), self.scale_max)  # fmt: skip
        self._row(form, "scale_min", tr("poll_form.scale"), scale)
        self.fields["scale_max"] = scale
        self._row(form, "labels", tr("poll_form.labels"),
                  _Field(self.labels, hint=tr("poll_form.labels_hint")))  # fmt: skip
        self._row(form, "max_length", tr("poll_form.max_length"), _Field(self.max_length))
        self._row(form, "majority", tr("motion.form.majority"), _Field(self.majority))
        self._row(form, "quorum", tr("motion.form.quorum"),
                  _Field(self.quorum, hint=tr("motion.form.quorum_hint")))  # fmt: skip
        self._row(form, "eligible", tr("motion.form.eligible"), _Field(self.eligible))
        if self.new:
            self._row(form, "heading", tr("poll_form.heading"), _Field(self.heading))
        advanced = self.advanced_layout
        self.id_field = _Field(self.poll_id)
        self._row(advanced, "id", tr("poll_form.id"), self.id_field)
        self._row(advanced, "compare_with", tr("poll_form.compare_with"),
                  _Field(self.compare_with, hint=tr("poll_form.compare_hint")))  # fmt: skip
        self._row(advanced, EXTRA, tr("poll_form.extra"),
                  _Field(self.extra, hint=tr("poll_form.extra_hint")))  # fmt: skip
        self._assemble()
        self._fill(self.original)
        if self.original.extra:
            self.advanced_button.setChecked(True)

        for signal in (self.type_box.currentIndexChanged, self.pair_type.currentIndexChanged):
            signal.connect(self._type_changed)
        for box in (self.majority, self.eligible):
            box.currentIndexChanged.connect(self.refresh)
        self.question.textChanged.connect(self._question_changed)
        self.poll_id.textEdited.connect(self._id_edited)
        for edit in (self.question, self.correct, self.heading, self.compare_with, self.poll_id,
                     self.quorum):  # fmt: skip
            edit.textChanged.connect(self.refresh)
        for text in (self.options, self.labels, self.extra):
            text.textChanged.connect(self.refresh)
        for spin in (self.max_choices, self.scale_min, self.scale_max, self.max_length):
            spin.valueChanged.connect(self.refresh)
        chain: list[QWidget] = [self.type_box, self.pair_type, self.question, self.options,
                                self.max_choices, self.correct, self.scale_min, self.scale_max,
                                self.labels, self.max_length, self.majority, self.quorum,
                                self.eligible, self.heading, self.advanced_button,
                                self.poll_id, self.compare_with, self.extra]  # fmt: skip
        shown = [widget for widget in chain if self.isAncestorOf(widget)]
        for before, after in itertools.pairwise(shown):
            QWidget.setTabOrder(before, after)
        self._type_changed()
        self.question.setFocus()
        self.resize(600, self.sizeHint().height())
        self._opened()

    # ------------------------------------------------------------ form ⇄ fields

    def _fill(self, form: PollForm) -> None:
        self.type_box.setCurrentIndex(self.type_box.findData(form.type.value))
        self.question.setText(form.question)
        self.options.setPlainText("\n".join(form.options))
        self.max_choices.setValue(form.max_choices or 0)
        self.correct.setText(", ".join(form.correct))
        self.scale_min.setValue(form.scale_min)
        self.scale_max.setValue(form.scale_max)
        self.labels.setPlainText("\n".join(form.labels))
        self.max_length.setValue(form.max_length or DEFAULT_TEXT_LENGTH)
        self.majority.setCurrentIndex(self.majority.findData(form.majority.value))
        self.quorum.setText(form.quorum)
        self.eligible.setCurrentIndex(self.eligible.findData(form.eligible.value))
        self.poll_id.setText(form.id)
        self.compare_with.setText(form.compare_with)
        self.extra.setPlainText("\n".join(form.extra))

    def form(self) -> PollForm:
        """The form as the fields now say it."""
        chosen = str(self.type_box.currentData())
        pair = chosen == PAIR
        poll_type = PollType(str(self.pair_type.currentData()) if pair else chosen)
        length = self.max_length.value()
        return dataclasses.replace(
            self.original,
            type=poll_type,
            pair=pair,
            question=self.question.text().strip(),
            options=_lines(self.options),
            max_choices=self.max_choices.value() or None,
            # "A, C": letters (or short texts) apart by commas; one answer of a single
            # choice may hold a comma, so it stays whole.
            correct=_answers(self.correct.text(), whole=poll_type is PollType.SINGLE),
            scale_min=self.scale_min.value(),
            scale_max=self.scale_max.value(),
            labels=_lines(self.labels),
            # The default is not written, unless the block named a length of its own.
            max_length=None
            if length == DEFAULT_TEXT_LENGTH and self.original.max_length is None
            else length,
            majority=Majority(str(self.majority.currentData())),
            quorum=self.quorum.text().strip(),
            eligible=Eligible(str(self.eligible.currentData())),
            id=self.poll_id.text().strip(),
            compare_with="" if pair else self.compare_with.text().strip(),
            heading=self.heading.text().strip(),
            extra=tuple(self.extra.toPlainText().rstrip("\n").split("\n"))
            if self.extra.toPlainText().strip()
            else (),
        )

    # ------------------------------------------------------------ reacting

    def _type_changed(self) -> None:
        form = self.form()
        shown = {
            "pair_type": form.pair,
            "options": form.type in (PollType.SINGLE, PollType.MULTIPLE, PollType.RANKING),
            "max_choices": form.type is PollType.MULTIPLE,
            "correct": form.type in QUIZ_TYPES,
            "scale_min": form.type is PollType.SCALE,
            "labels": form.type is PollType.SCALE,
            "max_length": form.type is PollType.TEXT,
            "majority": form.type is PollType.MOTION,
            "quorum": form.type is PollType.MOTION,
            "compare_with": not form.pair,
        }
        for name, visible in shown.items():
            field = self.fields[name]
            layout = self.advanced_layout if self.advanced.isAncestorOf(field) else self.form_layout
            layout.setRowVisible(field, visible)
        if self.isVisible():  # as tall as the fields of this kind need
            self.resize(self.width(), self.sizeHint().height())
        self._question_changed()

    def _id_edited(self) -> None:
        self.id_edited = bool(self.poll_id.text().strip())  # emptied: automatic again

    def _question_changed(self) -> None:
        form = self.form()
        if not self.id_edited:
            automatic = suggest_id(form.question, self.other_ids, pair=form.pair)
            if automatic != self.poll_id.text():
                self.poll_id.setText(automatic)
                form = self.form()
        if form.pair:
            before, after = pair_forms(form)
            self.id_field.hint.setText(tr("poll_form.pair_ids", before=before.id, after=after.id))
        self.id_field.hint.setVisible(form.pair)
        self.refresh()

    def _problems(self) -> list[FieldProblem]:
        return check_poll_form(self.form(), self.other_ids, self.other_polls)

    # ------------------------------------------------------------ the result

    def blocks(self) -> list[str]:
        """The YAML body of each ```poll block: one, or the before and the after poll."""
        return poll_blocks(self.form())

    def slide_texts(self) -> list[str]:
        """The Markdown of each new slide (a pair: two, to be shown apart in the talk)."""
        return poll_slide_texts(self.form())


class QuestionsFormDialog(_FormDialog):
    """Make (`block` None) or edit a slide with the room's questions (```questions)."""

    def __init__(self, parent: QWidget | None, *, block: str | None) -> None:
        super().__init__(parent)
        self.new = block is None
        self.original = QuestionsForm() if block is None else read_questions_form(block)
        self.setWindowTitle(
            tr("poll_form.questions_title_new" if self.new else "poll_form.questions_title_edit")
        )
        self.title = QLineEdit(self.original.title)
        self.title.setPlaceholderText(tr("poll_form.questions_title_placeholder"))
        self.count = QSpinBox()
        self.count.setRange(1, MOST_SHOWN)
        self.count.setValue(min(max(self.original.count, 1), MOST_SHOWN))
        self.heading = QLineEdit(tr("poll_form.questions_heading") if self.new else "")
        self.extra = _lines_edit("", 3)
        self.extra.setPlainText("\n".join(self.original.extra))
        form = self.form_layout
        self._row(form, "title", tr("poll_form.questions_list_title"), _Field(self.title))
        self._row(form, "count", tr("poll_form.questions_count"),
                  _Field(self.count, hint=tr("poll_form.questions_count_hint")))  # fmt: skip
        if self.new:
            self._row(form, "heading", tr("poll_form.heading"), _Field(self.heading))
        self._row(self.advanced_layout, EXTRA, tr("poll_form.extra"),
                  _Field(self.extra, hint=tr("poll_form.extra_hint")))  # fmt: skip
        self._assemble()
        if self.original.extra:
            self.advanced_button.setChecked(True)
        for edit in (self.title, self.heading):
            edit.textChanged.connect(self.refresh)
        self.count.valueChanged.connect(self.refresh)
        self.extra.textChanged.connect(self.refresh)
        self.refresh()
        self.title.setFocus()
        self.resize(520, self.sizeHint().height())
        self._opened()

    def form(self) -> QuestionsForm:
        extra = self.extra.toPlainText().rstrip("\n")
        return dataclasses.replace(
            self.original,
            title=self.title.text().strip(),
            count=self.count.value(),
            heading=self.heading.text().strip(),
            extra=tuple(extra.split("\n")) if extra.strip() else (),
        )

    def _problems(self) -> list[FieldProblem]:
        return check_questions_form(self.form())

    def blocks(self) -> list[str]:
        return [questions_block_text(self.form())]

    def slide_texts(self) -> list[str]:
        return [questions_slide_text(self.form())]


__all__ = ["PollFormDialog", "QuestionsFormDialog"]
