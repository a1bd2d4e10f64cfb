"""The text of one slide (or the whole file): Markdown colours, problems at their
line, and the small formatting actions of the editor's toolbar.

The colours are a reading aid, not a parser: what a line *is* is decided by the
deck parser, whose problems are marked here at their lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QUndoStack,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from workshop_app.deck.model import Severity

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"})


def _format(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    chosen = QTextCharFormat()
    chosen.setForeground(QColor(color))
    if bold:
        chosen.setFontWeight(QFont.Weight.Bold)
    chosen.setFontItalic(italic)
    return chosen


# Block states carried from line to line: inside a fence, inside a comment.
_PLAIN, _FENCE, _COMMENT = 0, 1, 2
_FENCE_LINE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INLINE_RULES = (
    (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), _format("#202020", bold=True)),
    (re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<![_\w])_[^_\n]+_(?!_)"),
     _format("#202020", italic=True)),
    (re.compile(r"`[^`\n]+`"), _format("#8a3b00")),
    (re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"), _format("#1a5fb4")),
)  # fmt: skip
_LINE_RULES = (
    (re.compile(r" {0,3}#{1,6}(?:\s.*|$)"), _format("#0b4f8a", bold=True)),
    (re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])\s"), _format("#2c7a2c", bold=True)),
    (re.compile(r" {0,3}(?:---+|\*\*\*+|___+)\s*$"), _format("#9a9a9a", bold=True)),
    (re.compile(r" {0,3}>.*"), _format("#5e5c64", italic=True)),
)
_FENCE_FORMAT = _format("#6b3fa0")
_COMMENT_FORMAT = _format("#8f6a00", italic=True)


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, lists, emphasis, code, links and images; fenced blocks (polls) and
    comments (speaker notes, Marp directives) in their own colours."""

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        state = self.previousBlockState()
        if state == _FENCE:
            self.setFormat(0, len(text), _FENCE_FORMAT)
            self.setCurrentBlockState(_PLAIN if _FENCE_LINE.match(text) else _FENCE)
            return
        if state == _COMMENT:
            end = text.find("-->")
            self.setFormat(0, len(text) if end < 0 else end + 3, _COMMENT_FORMAT)
            self.setCurrentBlockState(_COMMENT if end < 0 else _PLAIN)
            return
        self.setCurrentBlockState(_PLAIN)
        if _FENCE_LINE.match(text):
            self.setFormat(0, len(text), _FENCE_FORMAT)
            self.setCurrentBlockState(_FENCE)
            return
        for pattern, line_format in _LINE_RULES:
            found = pattern.match(text)
            if found:
                self.setFormat(0, found.end(), line_format)
        for pattern, inline_format in _INLINE_RULES:
            for found in pattern.finditer(text):
                self.setFormat(found.start(), found.end() - found.start(), inline_format)
        start = text.find("<!--")
        while start >= 0:
            end = text.find("-->", start + 4)
            if end < 0:
                self.setFormat(start, len(text) - start, _COMMENT_FORMAT)
                self.setCurrentBlockState(_COMMENT)
                return
            self.setFormat(start, end + 3 - start, _COMMENT_FORMAT)
            start = text.find("<!--", end + 3)


@dataclass(frozen=True)
class Mark:
    """A problem shown in the editor: its block (0-based) and words."""

    block: int
    severity: Severity
    text: str


class _Gutter(QWidget):
    """The file's line numbers beside the text, so that "Zeile 12" can be found."""

    def __init__(self, editor: SourceEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.editor.paint_gutter(self, event)


class SourceEditor(QPlainTextEdit):
    """A slide's Markdown. Undo is the deck's (one stack for every kind of edit)."""

    images_dropped = Signal(list)  # list[Path]: image files dropped on the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)  # Ctrl+Z goes to the deck's undo stack
        self.undo_stack: QUndoStack | None = None
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.first_line = 1  # the file's line number of the first line shown
        self.marks: list[Mark] = []
        self.highlighter = MarkdownHighlighter(self.document())
        self.gutter = _Gutter(self)
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    # ------------------------------------------------------------ the text

    def show_text(self, text: str, first_line: int) -> None:
        """Show `text` without it counting as typed; the cursor stays where it was."""
        self.first_line = first_line
        if text == self.toPlainText():
            self._fit_gutter()
            self.gutter.update()
            return
        position = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)
        self._fit_gutter()  # signals were blocked: the block count said nothing
        self.gutter.update()

    def go_to_line(self, line: int) -> None:
        """Put the cursor on the file's `line`, if it is shown."""
        block = self.document().findBlockByNumber(line - self.first_line)
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.centerCursor()

    # ------------------------------------------------------------ problems

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = marks
        selections = []
        for mark in marks:
            block = self.document().findBlockByNumber(mark.block)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            color = QColor("#c01c28" if mark.severity is Severity.ERROR else "#c88800")
            selection.format.setUnderlineColor(color)
            selection.format.setBackground(QColor(color.red(), color.green(), color.blue(), 28))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selection.cursor.select(QTextCursor.SelectionType.LineUnderCursor)
            selections.append(selection)
        self.setExtraSelections(selections)
        self.gutter.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.cursorForPosition(event.pos()).blockNumber()
            said = [mark.text for mark in self.marks if mark.block == block]
            if said:
                QToolTip.showText(event.globalPos(), "\n".join(said), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # ------------------------------------------------------------ formatting

    def toggle_heading(self) -> None:
        """`## ` before the line, or off again (one step of a heading per press)."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        line = cursor.selectedText()
        match = re.match(r"( {0,3})(#{1,6})\s+", line)
        replaced = line[: match.start(2)] + line[match.end() :] if match else "## " + line.lstrip()
        cursor.insertText(replaced)

    def wrap_selection(self, marker: str, placeholder: str) -> None:
        """`**bold**` around the selection, or around a selected placeholder."""
        cursor = self.textCursor()
        chosen = cursor.selectedText() or placeholder
        start = cursor.selectionStart()
        cursor.insertText(f"{marker}{chosen}{marker}")
        cursor.setPosition(start + len(marker))
        cursor.setPosition(start + len(marker) + len(chosen), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def prefix_lines(self, prefix: str) -> None:
        """`- ` before every selected line (a list), or off again when all have it."""
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        blocks: list[QTextBlock] = []
        block = first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        remove = all(b.text().startswith(prefix) for b in blocks if b.text().strip())
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for block in blocks:
            if not block.text().strip() and len(blocks) > 1:
                continue
            edit.setPosition(block.position())
            if remove:
                edit.movePosition(
                    QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(prefix)
                )
                edit.removeSelectedText()
            else:
                edit.insertText(prefix)
        edit.endEditBlock()

    def insert_block(self, text: str) -> None:
        """`text` as a block of its own: on its own lines, a blank line around it."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        before = "\n\n" if cursor.block().text().strip() else ("\n" if cursor.position() else "")
        cursor.insertText(before + text + "\n")
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # The text's own undo is off; its keys go to the deck's one stack.
        stack = self.undo_stack
        if stack is not None and event.matches(QKeySequence.StandardKey.Undo):
            stack.undo()
        elif stack is not None and event.matches(QKeySequence.StandardKey.Redo):
            stack.redo()
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------ dropped images

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _dropped_images(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        images = _dropped_images(event)
        if not images:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.setTextCursor(self.cursorForPosition(event.position().toPoint()))
        self.images_dropped.emit(images)

    # ------------------------------------------------------------ the gutter

    def gutter_width(self) -> int:
        digits = len(str(self.first_line + max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(digits, 2)

    def _fit_gutter(self, _count: int = 0) -> None:
        """Room for the widest line number shown, and the numbers' strip that wide."""
        width = self.gutter_width()
        self.setViewportMargins(width, 0, 0, 0)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), width, area.height()))

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_gutter()

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        painter.fillRect(event.rect(), QColor("#f2f2f2"))
        marked = {mark.block: mark.severity for mark in self.marks}
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                number = block.blockNumber()
                severity = marked.get(number)
                if severity is not None:
                    color = "#c01c28" if severity is Severity.ERROR else "#c88800"
                    painter.setPen(QColor(color))
                else:
                    painter.setPen(QColor("#8a8a8a"))
                painter.drawText(
                    0, top, gutter.width() - 5, height,
                    Qt.AlignmentFlag.AlignRight, str(self.first_line + number),
                )  # fmt: skip
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


def _dropped_images(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [
        Path(url.toLocalFile())
        for url in urls
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES
    ]
