"""Datei → Neuer Vortrag: the real dialog writes the real files; errors are sentences."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.support.pdfs import make_pdf
from workshop_app.deck.loader import load_deck
from workshop_app.i18n import Lang, set_language
from workshop_app.ui.new_talk import NewTalkDialog


def opened(qtbot: QtBot) -> NewTalkDialog:
    dialog = NewTalkDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_talk_from_the_template_lands_in_documents_impuls(qtbot: QtBot, documents: Path) -> None:
    dialog = opened(qtbot)
    assert dialog.folder.text() == str(documents / "Impuls")
    qtbot.keyClicks(dialog.title, "Sichtbar bleiben")
    qtbot.keyClicks(dialog.author, "Erika Muster")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created() == documents / "Impuls" / "sichtbar-bleiben.md"
    deck = load_deck(dialog.created())
    assert deck.warnings == ()
    assert deck.title == "Sichtbar bleiben" and deck.meta.author == "Erika Muster"
    assert deck.meta.lang == "de"


def test_english_and_another_folder_and_no_overwrite(
    qtbot: QtBot, documents: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "Vorträge"
    elsewhere.mkdir()
    (elsewhere / "staying-visible.md").write_text("mine", encoding="utf-8")
    dialog = opened(qtbot)
    dialog.title.setText("Staying visible")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.folder.setText(str(elsewhere))
    dialog.create_button.click()
    assert dialog.created() == elsewhere / "staying-visible-2.md"
    assert load_deck(dialog.created()).meta.lang == "en"
    assert (elsewhere / "staying-visible.md").read_text(encoding="utf-8") == "mine"


def test_without_a_title_the_dialog_asks_for_one(qtbot: QtBot, documents: Path) -> None:
    dialog = opened(qtbot)
    dialog.create_button.click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Bitte geben Sie dem Vortrag einen Titel."
    with pytest.raises(LookupError):
        dialog.created()
    assert not (documents / "Impuls").exists()


def _unwritable(tmp_path: Path) -> Path:
    """A folder nobody may write to (as root, a kernel folder that refuses everyone)."""
    folder = tmp_path / "schreibgeschützt"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root writes anyway
        if sys.platform != "linux":
            pytest.skip("no folder here refuses an administrator")
        return Path("/sys/impuls-neuer-vortrag")
    return folder / "Impuls"


def test_a_read_only_folder_is_one_german_sentence(
    qtbot: QtBot, documents: Path, tmp_path: Path
) -> None:
    target = _unwritable(tmp_path)
    dialog = opened(qtbot)
    dialog.title.setText("Sichtbar bleiben")
    dialog.folder.setText(str(target))
    dialog.create_button.click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.error.text()
    assert text.startswith("In den Ordner „") and "kann Impuls nicht schreiben" in text
    assert "Traceback" not in text and "Errno" not in text
    # Another folder, and it works: the dialog stayed open for it.
    dialog.folder.setText(str(documents))
    dialog.create_button.click()
    assert dialog.created() == documents / "sichtbar-bleiben.md"


def test_a_file_where_the_folder_should_be(qtbot: QtBot, documents: Path) -> None:
    (documents / "notiz.txt").write_text("x", encoding="utf-8")
    dialog = opened(qtbot)
    dialog.title.setText("Sichtbar bleiben")
    dialog.folder.setText(str(documents / "notiz.txt" / "Impuls"))
    dialog.create_button.click()
    assert "ist kein Ordner" in dialog.error.text() and dialog.isVisible()


def test_a_talk_around_a_pdf_leaves_the_pdf_as_it_was(
    qtbot: QtBot, documents: Path, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "vortrag.pdf", 3)
    before = hashlib.sha256(pdf.read_bytes()).hexdigest()
    dialog = opened(qtbot)
    radio = dialog.from_presentation  # clicked on its circle, as a speaker does
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert dialog.pages.currentIndex() == 1
    dialog.presentation.setText(str(pdf))
    dialog.create_button.click()
    assert dialog.created() == tmp_path / "vortrag.md"
    assert len(load_deck(dialog.created()).slides) == 3
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in documents.iterdir()) == []  # nothing went elsewhere


@pytest.mark.parametrize(
    ("chosen", "said"),
    [
        ("", "Bitte wählen Sie eine PowerPoint-, Keynote-, Impress- oder PDF-Datei."),
        ("notizen.docx", "„notizen.docx“ ist keine PowerPoint-, Keynote-, Impress- oder PDF"),
        ("fehlt.pptx", "Die Datei „fehlt.pptx“ gibt es nicht (mehr)."),
    ],
)
def test_a_wrong_presentation_is_named(
    qtbot: QtBot, documents: Path, tmp_path: Path, chosen: str, said: str
) -> None:
    dialog = opened(qtbot)
    dialog.from_presentation.click()
    dialog.presentation.setText(str(tmp_path / chosen) if chosen else "")
    dialog.create_button.click()
    assert dialog.error.text().startswith(said) and dialog.isVisible()
    assert not list(tmp_path.glob("*.md"))


def test_the_dialog_speaks_english_too(qtbot: QtBot, documents: Path) -> None:
    set_language(Lang.EN)
    try:
        dialog = opened(qtbot)
        assert dialog.windowTitle() == "New talk"
        assert dialog.from_presentation.text() == "From PowerPoint, Keynote or PDF"
        assert dialog.language.currentData() == "en"
        dialog.create_button.click()
        assert dialog.error.text() == "Please give the talk a title."
    finally:
        set_language(Lang.DE)
