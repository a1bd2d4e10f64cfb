"""The Qt binding must keep Python's reference counts right over a long talk."""

from __future__ import annotations

import subprocess
import sys

# Thousands of calls of void Qt methods, as a 45-minute talk makes them (clock
# labels, painting); the None they return must be counted like any other object.
PROBE = """
import sys
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
before = sys.getrefcount(None)
image = QImage(8, 8, QImage.Format.Format_RGB32)
painter = QPainter(image)
label = QLabel()
for _ in range(20_000):
    painter.fillRect(QRectF(0, 0, 1, 1), QColor("#000000"))
    label.setText("12:34")
painter.end()
print(sys.getrefcount(None) - before)
"""


def test_void_qt_calls_do_not_drain_the_reference_count_of_none() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    # A binding with the bug aborts ("deallocating None", exit -6) before it can print.
    assert result.returncode == 0, result.stderr[-2000:]
    assert abs(int(result.stdout.strip())) < 1000
