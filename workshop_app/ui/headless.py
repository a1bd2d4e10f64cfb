"""Qt without a window: for the `render` and `check` commands and for benchmarks."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication


def gui_application() -> QCoreApplication:
    """The running Qt application, or a new offscreen one (fonts and painting, no display)."""
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # these commands never open a window
    return QGuiApplication(["impuls"])
