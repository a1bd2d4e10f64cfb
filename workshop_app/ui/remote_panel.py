"""The console's remote tab: a QR code that pairs the speaker's phone, and the paired phones.

The code is shown here only, never on the audience window: whoever scans it can
move the slides. It pairs one phone, once, within five minutes; "Neuer Code"
makes another. Each paired phone can be disconnected ("Trennen") at once.

Under the code, the link it holds, secret and all: a phone whose camera will not
read the code opens it as typed, or as sent to itself ("Link kopieren"). The bare
address of the remote page would only ask to scan the code again.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.i18n import tr
from workshop_app.ui.join_card import paint_qr
from workshop_app.voting.remote import PAIRING_SECONDS


class QrCode(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.setMinimumSize(QSize(220, 220))

    def show_text(self, text: str) -> None:
        self.text = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self.text:
            return
        side = min(self.width(), self.height())
        painter = QPainter(self)
        paint_qr(painter, QRectF((self.width() - side) / 2, 0, side, side), self.text)
        painter.end()


class RemotePanel(QFrame):
    pairing_wanted = Signal()
    revoke_wanted = Signal(str)  # the remote's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remote")
        self.setStyleSheet("QFrame#remote { background: #1b2029; border-radius: 8px; }"
                           " QLabel { font-size: 17px; }")  # fmt: skip
        self.help = QLabel(tr("remote.help"), wordWrap=True)
        self.qr = QrCode()
        self.link = ""  # what the QR code holds: the remote page with its pairing secret
        self.address = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy = QPushButton(tr("remote.copy_link"))
        self.copy.clicked.connect(self._copy)
        self.copy.setEnabled(False)
        self.new_code = QPushButton(tr("remote.new_code"))
        self.new_code.clicked.connect(self.pairing_wanted)
        self.paired = QListWidget()
        self.paired.setObjectName("answers")
        self.revoke = QPushButton(tr("remote.revoke"))
        self.revoke.clicked.connect(self._revoke)
        self.paired.itemSelectionChanged.connect(
            lambda: self.revoke.setEnabled(bool(self.paired.selectedItems()))
        )
        row = QHBoxLayout()
        row.addWidget(self.new_code)
        row.addWidget(self.revoke)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.address)
        layout.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel(tr("remote.paired")))
        layout.addWidget(self.paired)
        layout.addLayout(row)
        for button in (self.copy, self.new_code, self.revoke):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the presenter
        self.paired.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.revoke.setEnabled(False)
        # A secret lives five minutes; a fresh one is shown before the old one runs out.
        self._renew = QTimer(self, interval=round(PAIRING_SECONDS * 1000 * 0.9))
        self._renew.timeout.connect(self.pairing_wanted)
        self.show_paired([])

    def show_pairing(self, url: str) -> None:
        self.link = url
        self.qr.show_text(url)
        # On a line of its own under the sentence, in a typewriter face that tells
        # 0 from O and l from I (the secret may be typed from it); copied as plain text.
        link = f"<br><code>{escape(url)}</code>"
        self.address.setText(escape(tr("remote.address", url="\0")).replace("\0", link))
        self.copy.setEnabled(True)
        self.copy.setText(tr("remote.copy_link"))
        self._renew.start()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link)
        self.copy.setText(tr("remote.copied"))

    def show_paired(self, remotes: list[dict[str, Any]]) -> None:
        self.paired.clear()
        for number, remote in enumerate(remotes, start=1):
            since = datetime.fromtimestamp(float(remote.get("paired_at", 0))).strftime("%H:%M")
            item = QListWidgetItem(tr("remote.phone", number=number, since=since))
            item.setData(Qt.ItemDataRole.UserRole, str(remote["id"]))
            self.paired.addItem(item)
        if not remotes:
            empty = QListWidgetItem(tr("remote.none"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.paired.addItem(empty)
        self.revoke.setEnabled(False)

    def _revoke(self) -> None:
        for item in self.paired.selectedItems():
            self.revoke_wanted.emit(str(item.data(Qt.ItemDataRole.UserRole)))
