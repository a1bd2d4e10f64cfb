"""File → Neuer Vortrag: from our template, or around a PowerPoint, Keynote or PDF file.

The dialog only asks; deck/new_talk.py writes. The files are a few hundred
bytes, so they are written on the GUI thread when the speaker presses
"Anlegen"; what goes wrong (a read-only folder, a file that is gone) is one
sentence in the dialog, which stays open to try again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.deck.new_talk import (
    PRESENTATION_SUFFIXES,
    default_talks_dir,
    is_presentation,
    new_talk,
    talk_from_presentation,
)
from workshop_app.i18n import Lang, current_language, tr
from workshop_app.ui.form_row import form_row

FROM_TEMPLATE, FROM_PRESENTATION = 0, 1


class NewTalkDialog(QDialog):
    """Asks how the new talk starts; on "Anlegen" writes it. `created()` is its path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("new_talk.window_title"))
        self._created: Path | None = None

        self.from_template = QRadioButton(tr("new_talk.from_template"))
        self.from_presentation = QRadioButton(tr("new_talk.from_presentation"))
        self.from_template.setChecked(True)
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.from_template, FROM_TEMPLATE)
        self.kind.addButton(self.from_presentation, FROM_PRESENTATION)

        # From the template: title, author, language, folder.
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("new_talk.title_placeholder"))
        self.author = QLineEdit()
        self.author.setPlaceholderText(tr("new_talk.author_placeholder"))
        self.language = QComboBox()
        self.language.addItem("Deutsch", Lang.DE.value)
        self.language.addItem("English", Lang.EN.value)
        self.language.setCurrentIndex(0 if current_language() is Lang.DE else 1)
        self.folder = QLineEdit(str(default_talks_dir()))
        self.change_folder = QPushButton(tr("new_talk.change_folder"))
        self.change_folder.clicked.connect(self._choose_folder)
        template_form = QFormLayout()
        template_form.addRow(tr("new_talk.title"), self.title)
        template_form.addRow(tr("new_talk.author"), self.author)
        template_form.addRow(tr("new_talk.language"), self.language)
        template_form.addRow(tr("new_talk.folder"), form_row(self.folder, self.change_folder))
        template_page = QWidget()
        template_page.setLayout(template_form)

        # Around a presentation: the file.
        self.presentation = QLineEdit()
        self.presentation.setPlaceholderText(tr("new_talk.presentation_placeholder"))
        self.choose_presentation = QPushButton(tr("new_talk.choose_file"))
        self.choose_presentation.clicked.connect(self._choose_presentation)
        explained = QLabel(tr("new_talk.presentation_hint"))
        explained.setWordWrap(True)
        presentation_form = QFormLayout()
        presentation_form.addRow(
            tr("new_talk.presentation"), form_row(self.presentation, self.choose_presentation)
        )
        presentation_form.addRow(explained)
        presentation_page = QWidget()
        presentation_page.setLayout(presentation_form)

        self.pages = QStackedWidget()
        self.pages.addWidget(template_page)
        self.pages.addWidget(presentation_page)
        self.kind.idToggled.connect(self._kind_toggled)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            tr("new_talk.create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("new_talk.cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.from_template)
        layout.addWidget(self.from_presentation)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.title.setFocus()

    # ------------------------------------------------------------ the result

    def created(self) -> Path:
        """The new deck's path, once the dialog was accepted; LookupError before."""
        if self._created is None:
            raise LookupError("no talk was created")
        return self._created

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # ------------------------------------------------------------ choosing

    def _kind_toggled(self, which: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentIndex(which)
            self.show_error("")

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("new_talk.folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _choose_presentation(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PRESENTATION_SUFFIXES)
        start = self.presentation.text().strip() or str(Path.home())
        described = tr("new_talk.presentation_filter")
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("new_talk.presentation"), start,
            f"{described} ({patterns})",
        )  # fmt: skip
        if chosen:
            self.presentation.setText(chosen)

    # ------------------------------------------------------------ writing

    def accept(self) -> None:
        if self.kind.checkedId() == FROM_TEMPLATE:
            made = self._write_from_template()
        else:
            made = self._write_from_presentation()
        if made is not None:
            self._created = made
            self.show_error("")
            super().accept()

    def _write_from_template(self) -> Path | None:
        title = self.title.text().strip()
        if not title:
            self.show_error(tr("new_talk.error.no_title"))
            self.title.setFocus()
            return None
        folder_text = self.folder.text().strip()
        if not folder_text:
            self.show_error(tr("new_talk.error.no_folder"))
            return None
        folder = Path(folder_text).expanduser()
        lang = Lang(str(self.language.currentData()))
        try:
            return new_talk(folder, title, lang, self.author.text().strip())
        except (FileExistsError, NotADirectoryError):  # a file where the folder should be
            self.show_error(tr("new_talk.error.not_a_folder", folder=folder))
        except PermissionError:
            self.show_error(tr("new_talk.error.folder_read_only", folder=folder))
        except OSError as error:
            detail = error.strerror or str(error)
            self.show_error(tr("new_talk.error.folder", folder=folder, detail=detail))
        return None

    def _write_from_presentation(self) -> Path | None:
        text = self.presentation.text().strip()
        if not text:
            self.show_error(tr("new_talk.error.no_presentation"))
            return None
        presentation = Path(text).expanduser()
        if not is_presentation(presentation):
            self.show_error(tr("new_talk.error.not_presentation", name=presentation.name))
            return None
        try:
            return talk_from_presentation(presentation)
        except FileNotFoundError:
            self.show_error(tr("new_talk.error.presentation_missing", name=presentation.name))
        except PermissionError:
            self.show_error(tr("new_talk.error.folder_read_only", folder=presentation.parent))
        except OSError as error:
            detail = error.strerror or str(error)
            self.show_error(tr("new_talk.error.folder", folder=presentation.parent, detail=detail))
        return None
