"""Live poll results on the slide canvas: bars, histogram, word cloud, ranking, pre/post.

Called by the slide renderer only, so results look the same on the projector, in
the presenter's preview and in a PNG. Sizes are canvas pixels (1920×1080) and
stay large: the back row of a seminar room must read the numbers. Answers are
drawn with `drawText`, which takes plain text: markup in an answer stays text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from workshop_app.deck import PollType
from workshop_app.deck.themes import Colors, Theme
from workshop_app.i18n import number, tr
from workshop_app.session.model import AnswerState
from workshop_app.session.moderation import frequent_words
from workshop_app.session.results import Comparison, Results
from workshop_app.session.tally import Answer

MAX_ROW_HEIGHT = 118
CLOUD_WORDS = 24
SHOWN_ANSWERS = 3


class ResultsPainter:
    """Paints one poll's results into a rectangle of the canvas."""

    def __init__(self, painter: QPainter, theme: Theme, palette: Colors) -> None:
        self.p = painter
        self.theme = theme
        self.palette = palette

    def font(self, px: float, *, bold: bool = False) -> QFont:
        font = QFont(self.theme.family)
        font.setPixelSize(max(1, round(px)))
        font.setBold(bold)
        return font

    def paint(self, area: QRectF, shown: Results, pair: Comparison | None) -> None:
        self.p.save()
        # Two lines: the counts, and what the percentages are of (wrapped when long).
        summary = QRectF(area.left(), area.bottom() - 84, area.width(), 84)
        chart = area.adjusted(0, 0, 0, -96)
        if shown.motion is not None:  # the verdict and the rule applied, under the bars
            band = min(chart.height() * 0.42, self.theme.sizes.small * 6.2)
            self.verdict(QRectF(chart.left(), chart.bottom() - band, chart.width(), band), shown)
            chart = chart.adjusted(0, 0, 0, -band - 12)
        if shown.poll.type is PollType.SCALE:
            self.histogram(chart, shown, pair)
        elif shown.poll.type is PollType.TEXT:
            self.answers(chart, shown)
        else:
            self.bars(chart, shown, pair)
        self.summary(summary, shown)
        self.p.restore()

    # ------------------------------------------------------------ bars

    def bars(self, area: QRectF, shown: Results, pair: Comparison | None) -> None:
        small = self.theme.sizes.small
        if pair is not None:
            self._legend(QRectF(area.left() + area.width() * 0.36 + 24, area.top(), 600, 40))
            area = area.adjusted(0, 56, 0, 0)
        largest = pair.largest if pair is not None else shown.largest
        row = min(area.height() / max(len(shown.rows), 1), MAX_ROW_HEIGHT * (1.6 if pair else 1))
        label_width = area.width() * 0.36
        value_width = 250
        bar_left = area.left() + label_width + 24
        bar_width = area.width() - label_width - 24 - value_width
        letter = self.font(small, bold=True)
        text = self.font(small)
        before = {r.index: r for r in pair.before.rows} if pair is not None else {}
        shifts = {s.row.index: s for s in pair.shifts} if pair is not None else {}
        for place, option in enumerate(shown.rows):
            top = area.top() + place * row
            side = min(row * 0.7, 70)
            box = QRectF(area.left(), top + (row - side) / 2, side, side)
            self.p.fillRect(box, QColor(self.palette.accent))
            self.p.setPen(QColor(self.palette.accent_text))
            self.p.setFont(letter)
            self.p.drawText(box, Qt.AlignmentFlag.AlignCenter, option.key)
            # A quiz question's right answer: ticked, in bold, its bar in the accent;
            # the wrong ones' bars step back.
            said = f"✓ {option.label}" if option.correct else option.label
            shown_font = letter if option.correct else text
            self.p.setPen(QColor(self.palette.heading if option.correct else self.palette.text))
            self.p.setFont(shown_font)
            label = QRectF(box.right() + 16, top, label_width - box.width() - 16, row)
            self.p.drawText(
                label,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                QFontMetricsF(shown_font).elidedText(
                    said, Qt.TextElideMode.ElideRight, label.width()
                ),
            )
            value = QRectF(bar_left + bar_width + 16, top, value_width - 16, row)
            if pair is None:
                wrong = shown.quiz and not option.correct
                self._bar(
                    QRectF(bar_left, top + row * 0.18, bar_width, row * 0.64),
                    option.phones / largest,
                    option.hands / largest,
                    self.palette.muted if wrong else self.palette.accent,
                )
                self._value(value, shown.amount(option))
                continue
            half = row * 0.36
            then = before[option.index]
            self._bar(
                QRectF(bar_left, top + row * 0.12, bar_width, half),
                then.phones / largest,
                then.hands / largest,
                self.palette.muted,
            )
            self._bar(
                QRectF(bar_left, top + row * 0.12 + half + 4, bar_width, half),
                option.phones / largest,
                option.hands / largest,
                self.palette.accent,
            )
            shift = shifts[option.index]
            self._value(
                value,
                f"{number(shift.before, 0)} → {number(shift.after, 0)} %\n{shift.text()}",
            )

    def _bar(self, slot: QRectF, phones: float, hands: float, color: str) -> None:
        """Phones solid, a show of hands hatched after them: the source stays visible."""
        self.p.fillRect(slot, QColor(self.palette.panel))
        solid = QRectF(slot.left(), slot.top(), slot.width() * phones, slot.height())
        self.p.fillRect(solid, QColor(color))
        if hands > 0:
            hatched = QRectF(solid.right(), slot.top(), slot.width() * hands, slot.height())
            self.p.fillRect(hatched, QColor(self.palette.panel))
            self.p.fillRect(hatched, QBrush(QColor(color), Qt.BrushStyle.BDiagPattern))
            self.p.setPen(QPen(QColor(color), 3))
            self.p.drawRect(hatched.adjusted(1.5, 1.5, -1.5, -1.5))

    def _value(self, slot: QRectF, text: str) -> None:
        self.p.setPen(QColor(self.palette.heading))
        self.p.setFont(self.font(self.theme.sizes.small, bold=True))
        self.p.drawText(slot, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _legend(self, slot: QRectF) -> None:
        self.p.setFont(self.font(self.theme.sizes.small * 0.8))
        x = slot.left()
        for label, color in (
            (tr("results.before"), self.palette.muted),
            (tr("results.after"), self.palette.accent),
        ):
            self.p.fillRect(QRectF(x, slot.top() + 8, 28, 24), QColor(color))
            self.p.setPen(QColor(self.palette.text))
            self.p.drawText(QRectF(x + 38, slot.top(), 300, slot.height()),
                            Qt.AlignmentFlag.AlignVCenter, label)  # fmt: skip
            x += 260

    # ------------------------------------------------------------ scale

    def histogram(self, area: QRectF, shown: Results, pair: Comparison | None) -> None:
        before = pair.before if pair is not None else None
        largest = pair.largest if pair is not None else shown.largest
        labelled = any(row.label for row in shown.rows)
        ends = shown.end_words  # one line under the numbers, not in a column of eleven
        small = self.theme.sizes.small
        label_height = small * (2.6 if labelled else 1.5)
        # The mean's words stand on a line of their own above the tallest bar's count:
        # on one line they overlapped where that bar stood under them.
        head = small * 1.6 + (small * 1.5 if shown.mean is not None else 0)
        plot = area.adjusted(0, head + (50 if before else 0), 0, -label_height)
        column = plot.width() / max(len(shown.rows), 1)
        counts: list[tuple[QRectF, str]] = []  # drawn last, over the mean's line
        for k, step in enumerate(shown.rows):
            left = plot.left() + k * column
            pairs = [(step, self.palette.accent)]
            if before is not None:
                pairs.insert(0, (before.rows[k], self.palette.muted))
            width = column * 0.7 / len(pairs)
            for j, (counted, color) in enumerate(pairs):
                height = plot.height() * counted.total / largest
                bar = QRectF(
                    left + column * 0.15 + j * width, plot.bottom() - height, width - 4, height
                )
                self.p.fillRect(bar, QColor(color))
                slot = QRectF(
                    bar.left() - 20, bar.top() - small * 1.5, bar.width() + 40, small * 1.4
                )
                counts.append((slot, str(counted.total)))
            self.p.setPen(QColor(self.palette.text))
            self.p.setFont(self.font(small))
            self.p.drawText(
                QRectF(left, plot.bottom() + 8, column, label_height),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                f"{step.key}\n{step.label}" if labelled and not ends else step.key,
            )
        if ends is not None:  # from the chart's edges inwards, as wide as they need
            first, last = ends
            half = plot.width() / 2 - small
            metrics = QFontMetricsF(self.p.font())
            under = QRectF(plot.left(), plot.bottom() + 8 + small * 1.3, plot.width(), small * 1.3)
            for text, align in ((first, Qt.AlignmentFlag.AlignLeft),
                                (last, Qt.AlignmentFlag.AlignRight)):  # fmt: skip
                elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, half)
                self.p.drawText(under, align | Qt.AlignmentFlag.AlignTop, elided)
        self.p.setPen(QPen(QColor(self.palette.muted), 2))
        self.p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        low = shown.poll.scale[0]
        for poll_run, color in ((before, self.palette.muted), (shown, self.palette.accent)):
            mean = poll_run.mean if poll_run is not None else None
            if mean is None:
                continue
            x = plot.left() + (mean - low + 0.5) * column
            # The mean crosses the bars, so it is drawn in the heading colour, not theirs.
            line = self.palette.heading if color == self.palette.accent else color
            self.p.setPen(QPen(QColor(line), 5, Qt.PenStyle.DashLine))
            self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        # The counts over the line, each on a plate of the slide's colour: the mean's line
        # ran through them.
        label_font = self.font(small, bold=True)
        metrics = QFontMetricsF(label_font)
        self.p.setFont(label_font)
        for slot, text in counts:
            width, height = metrics.horizontalAdvance(text) + 12, metrics.height()
            plate = QRectF(slot.center().x() - width / 2, slot.bottom() - height, width, height)
            self.p.fillRect(plate, QColor(self.palette.background))
            self.p.setPen(QColor(self.palette.heading))
            self.p.drawText(
                slot, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text
            )

        means = tr("results.mean", mean=number(shown.mean)) if shown.mean is not None else ""
        if before is not None and before.mean is not None and shown.mean is not None:
            means = tr("results.mean_shift", before=number(before.mean), after=number(shown.mean))
            self._legend(QRectF(area.left(), area.top() + small * 1.6, 600, 40))
        self.p.setPen(QColor(self.palette.heading))
        self.p.setFont(self.font(small * 1.1, bold=True))
        self.p.drawText(
            QRectF(area.left(), area.top(), area.width(), small * 1.5),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            means,
        )

    # ------------------------------------------------------------ open answers

    def answers(self, area: QRectF, results: Results) -> None:
        # Only what the speaker approved reaches the room: the profanity filter misses
        # words ("Fuсk" with a Cyrillic с), and a pending answer is not yet read.
        approved = [a for a in results.answers if a.state is AnswerState.APPROVED]
        cloud_height = area.height() * (0.55 if approved else 1.0)
        self.cloud(QRectF(area.left(), area.top(), area.width(), cloud_height), approved)
        if not approved:
            return
        small = self.theme.sizes.small
        font = self.font(small)
        metrics = QFontMetricsF(font)
        top = area.top() + cloud_height + 16
        line = (area.bottom() - top) / SHOWN_ANSWERS
        self.p.setFont(font)
        for answer in approved[-SHOWN_ANSWERS:]:
            slot = QRectF(area.left(), top, area.width(), line - 10)
            self.p.fillRect(slot, QColor(self.palette.panel))
            self.p.setPen(QColor(self.palette.panel_text))
            inner = slot.adjusted(20, 0, -20, 0)
            quoted = tr("results.quote", text=" ".join(answer.text.split()))
            self.p.drawText(
                inner,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(quoted, Qt.TextElideMode.ElideRight, inner.width()),
            )
            top += line

    def cloud(self, area: QRectF, answers: list[Answer]) -> None:
        words = frequent_words((a.text for a in answers), CLOUD_WORDS)
        if not words:
            self.p.setPen(QColor(self.palette.muted))
            self.p.setFont(self.font(self.theme.sizes.body))
            self.p.drawText(area, Qt.AlignmentFlag.AlignCenter, tr("results.no_answers"))
            return
        most = words[0][1]
        # Shrink all words together until the rows fit the area.
        for scale in (1.0, 0.85, 0.7, 0.58, 0.48, 0.4):
            rows = self._cloud_rows(words, most, area.width(), scale)
            if sum(height for _, height in rows) <= area.height():
                break
        y = area.top() + (area.height() - sum(height for _, height in rows)) / 2
        colors = (self.palette.accent, self.palette.heading, self.palette.text)
        for k, (items, height) in enumerate(rows):
            width = sum(w for _, _, w in items) + 28 * (len(items) - 1)
            x = area.left() + (area.width() - width) / 2
            for j, (word, font, w) in enumerate(items):
                self.p.setFont(font)
                self.p.setPen(QColor(colors[(k + j) % len(colors)]))
                self.p.drawText(QRectF(x, y, w + 4, height), Qt.AlignmentFlag.AlignVCenter, word)
                x += w + 28
            y += height

    def _cloud_rows(
        self, words: list[tuple[str, int]], most: int, width: float, scale: float
    ) -> list[tuple[list[tuple[str, QFont, float]], float]]:
        rows: list[tuple[list[tuple[str, QFont, float]], float]] = []
        current: list[tuple[str, QFont, float]] = []
        used = height = 0.0
        for word, count in words:
            px = (self.theme.sizes.small + (110 - self.theme.sizes.small) * count / most) * scale
            font = self.font(px, bold=count * 2 > most)
            metrics = QFontMetricsF(font)
            w = min(metrics.horizontalAdvance(word), width)
            if current and used + 28 + w > width:
                rows.append((current, height))
                current, used, height = [], 0.0, 0.0
            current.append((word, font, w))
            used += w + (28 if len(current) > 1 else 0)
            height = max(height, metrics.height() * 1.1)
        if current:
            rows.append((current, height))
        return rows

    # ------------------------------------------------------------ a motion's verdict

    def verdict(self, slot: QRectF, shown: Results) -> None:
        """ANGENOMMEN (in the accent), ABGELEHNT or NICHT BESCHLUSSFÄHIG large, and the
        sentence with the rule applied under it, on a plate across the chart."""
        outcome = shown.motion
        assert outcome is not None
        small = self.theme.sizes.small
        self.p.fillRect(slot, QColor(self.palette.panel))
        edge = QColor(self.palette.accent if outcome.adopted else self.palette.heading)
        self.p.fillRect(QRectF(slot.left(), slot.top(), 12, slot.height()), edge)
        inner = slot.adjusted(36, 12, -24, -12)
        head = QRectF(inner.left(), inner.top(), inner.width(), small * 2.0)
        self.p.setPen(edge)
        self.p.setFont(self.font(small * 1.7, bold=True))
        self.p.drawText(head, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                        outcome.headline())  # fmt: skip
        rest = inner.adjusted(0, head.height() + 4, 0, 0)
        self.p.setPen(QColor(self.palette.panel_text))
        self.p.setFont(self.font(small * 0.9))
        flags = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        said = outcome.sentence()
        note = outcome.quorum_note()
        self.p.drawText(rest, flags, f"{said} {note}" if note else said)

    # ------------------------------------------------------------ the line below

    def summary(self, slot: QRectF, shown: Results) -> None:
        self.p.setPen(QColor(self.palette.muted))
        self.p.setFont(self.font(self.theme.sizes.small * 0.9))
        flags = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        self.p.drawText(slot, flags, " · ".join(shown.summary()))
