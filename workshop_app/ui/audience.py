"""The audience window: the slide, full screen, on the projector or the shared screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.i18n import tr
from workshop_app.ui.reaction_lane import ReactionLane
from workshop_app.ui.slide_show import SlideShow
from workshop_app.ui.slide_view import SlideView


class AudienceWindow(QWidget):
    """Shows what the room should see; clicks and the wheel navigate like in PowerPoint."""

    def __init__(self, slideshow: SlideShow) -> None:
        super().__init__()
        self.setWindowTitle(tr("audience.title", title=slideshow.deck.title))
        self.view = SlideView(
            slideshow, lambda state: state.audience_index, honours_blank=True, navigates=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.reactions = ReactionLane(slideshow, self.view)  # over the slide's right margin
        self.setStyleSheet("background: #000000;")
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))  # no pointer on the projection
