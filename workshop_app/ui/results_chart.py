"""Live poll results on the slide canvas: bars, histogram, word cloud, ranking, pre/post.

Called by the slide renderer only, so results look the same on the projector, in
the presenter's preview and in a PNG. Sizes are canvas pixels (1920×1080) and
stay large: the back row of a seminar room must read the numbers. Answers are
drawn with `drawText`, which takes plain text: markup in an answer stays text.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from workshop_app.deck import OPTION_LETTERS, Poll, PollType
from workshop_app.deck.themes import Colors, Theme
from workshop_app.i18n import number, tr
from workshop_app.session.model import AnswerState
from workshop_app.session.moderation import frequent_words
from workshop_app.session.tally import Answer, Tally

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

    def paint(self, area: QRectF, poll: Poll, tally: Tally, before: Tally | None) -> None:
        # A deck edited live may have more or fewer options than the counts it had.
        tally = _fitted(tally, len(poll.options))
        before = _fitted(before, len(poll.options)) if before is not None else None
        self.p.save()
        summary = QRectF(area.left(), area.bottom() - 44, area.width(), 44)
        chart = area.adjusted(0, 0, 0, -60)
        if poll.type is PollType.SCALE:
            self.histogram(chart, poll, tally, before)
        elif poll.type is PollType.TEXT:
            self.answers(chart, tally)
        else:
            self.bars(chart, poll, tally, before)
        self.summary(summary, poll, tally)
        self.p.restore()

    # ------------------------------------------------------------ bars

    def bars(self, area: QRectF, poll: Poll, tally: Tally, before: Tally | None) -> None:
        small = self.theme.sizes.small
        order = list(range(len(poll.options)))
        if poll.type is PollType.RANKING:  # the ranking is the order of the points
            order.sort(key=lambda i: -tally.total[i])
        if before is not None:
            self._legend(QRectF(area.left() + area.width() * 0.36 + 24, area.top(), 600, 40))
            area = area.adjusted(0, 56, 0, 0)
        total = sum(tally.total) or 1
        before_total = (sum(before.total) or 1) if before is not None else 1
        largest = max([*tally.total, *(before.total if before else ()), 1])
        row = min(area.height() / max(len(order), 1), MAX_ROW_HEIGHT * (1.6 if before else 1))
        label_width = area.width() * 0.36
        value_width = 250
        bar_left = area.left() + label_width + 24
        bar_width = area.width() - label_width - 24 - value_width
        letter = self.font(small, bold=True)
        text = self.font(small)
        for place, i in enumerate(order):
            top = area.top() + place * row
            side = min(row * 0.7, 70)
            box = QRectF(area.left(), top + (row - side) / 2, side, side)
            self.p.fillRect(box, QColor(self.palette.accent))
            self.p.setPen(QColor(self.palette.accent_text))
            self.p.setFont(letter)
            self.p.drawText(box, Qt.AlignmentFlag.AlignCenter, OPTION_LETTERS[i % 26])
            self.p.setPen(QColor(self.palette.text))
            self.p.setFont(text)
            label = QRectF(box.right() + 16, top, label_width - box.width() - 16, row)
            self.p.drawText(
                label,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                QFontMetricsF(text).elidedText(
                    poll.options[i], Qt.TextElideMode.ElideRight, label.width()
                ),
            )
            if before is None:
                self._bar(
                    QRectF(bar_left, top + row * 0.18, bar_width, row * 0.64),
                    tally.digital[i] / largest,
                    tally.hands[i] / largest,
                    self.palette.accent,
                )
                self._value(
                    QRectF(bar_left + bar_width + 16, top, value_width - 16, row),
                    self._amount(poll, tally.total[i], total),
                )
                continue
            half = row * 0.36
            self._bar(
                QRectF(bar_left, top + row * 0.12, bar_width, half),
                before.digital[i] / largest,
                before.hands[i] / largest,
                self.palette.muted,
            )
            self._bar(
                QRectF(bar_left, top + row * 0.12 + half + 4, bar_width, half),
                tally.digital[i] / largest,
                tally.hands[i] / largest,
                self.palette.accent,
            )
            now_share = 100 * tally.total[i] / total
            then_share = 100 * before.total[i] / before_total
            shift = now_share - then_share
            self._value(
                QRectF(bar_left + bar_width + 16, top, value_width - 16, row),
                f"{number(then_share, 0)} → {number(now_share, 0)} %\n"
                + tr("results.shift", shift=("+" if shift >= 0 else "−") + number(abs(shift), 0)),
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

    def _amount(self, poll: Poll, count: int, total: int) -> str:
        if poll.type is PollType.RANKING:
            return tr("results.points", points=count)
        return f"{count} · {number(100 * count / total, 0)} %"

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

    def histogram(self, area: QRectF, poll: Poll, tally: Tally, before: Tally | None) -> None:
        low, high = poll.scale_min or 1, poll.scale_max or 5
        steps = list(range(low, high + 1))
        largest = max([*tally.values.values(), *(before.values.values() if before else ()), 1])
        small = self.theme.sizes.small
        label_height = small * (2.6 if len(poll.labels) == len(steps) else 1.5)
        plot = area.adjusted(0, small * 1.6 + (50 if before else 0), 0, -label_height)
        column = plot.width() / len(steps)
        for k, step in enumerate(steps):
            left = plot.left() + k * column
            pairs = [(tally, self.palette.accent)]
            if before is not None:
                pairs.insert(0, (before, self.palette.muted))
            width = column * 0.7 / len(pairs)
            for j, (counted, color) in enumerate(pairs):
                count = counted.values.get(step, 0)
                height = plot.height() * count / largest
                bar = QRectF(
                    left + column * 0.15 + j * width, plot.bottom() - height, width - 4, height
                )
                self.p.fillRect(bar, QColor(color))
                self.p.setPen(QColor(self.palette.heading))
                self.p.setFont(self.font(small, bold=True))
                self.p.drawText(
                    QRectF(bar.left() - 20, bar.top() - small * 1.5, bar.width() + 40, small * 1.4),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(count),
                )
            self.p.setPen(QColor(self.palette.text))
            self.p.setFont(self.font(small))
            label = str(step)
            if len(poll.labels) == len(steps):
                label += "\n" + poll.labels[k]
            self.p.drawText(
                QRectF(left, plot.bottom() + 8, column, label_height),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                label,
            )
        self.p.setPen(QPen(QColor(self.palette.muted), 2))
        self.p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        for shown, color in ((before, self.palette.muted), (tally, self.palette.accent)):
            mean = shown.mean if shown is not None else None
            if mean is None:
                continue
            x = plot.left() + (mean - low + 0.5) * column
            # The mean crosses the bars, so it is drawn in the heading colour, not theirs.
            line = self.palette.heading if color == self.palette.accent else color
            self.p.setPen(QPen(QColor(line), 5, Qt.PenStyle.DashLine))
            self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))

        means = tr("results.mean", mean=number(tally.mean)) if tally.mean is not None else ""
        if before is not None and before.mean is not None and tally.mean is not None:
            means = tr("results.mean_shift", before=number(before.mean), after=number(tally.mean))
            self._legend(QRectF(area.left(), area.top() + small * 1.6, 600, 40))
        self.p.setPen(QColor(self.palette.heading))
        self.p.setFont(self.font(small * 1.1, bold=True))
        self.p.drawText(
            QRectF(area.left(), area.top(), area.width(), small * 1.5),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            means,
        )

    # ------------------------------------------------------------ open answers

    def answers(self, area: QRectF, tally: Tally) -> None:
        shown = [a for a in tally.answers if a.state is not AnswerState.HIDDEN]
        approved = [a for a in shown if a.state is AnswerState.APPROVED]
        cloud_height = area.height() * (0.55 if approved else 1.0)
        self.cloud(QRectF(area.left(), area.top(), area.width(), cloud_height), shown)
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

    # ------------------------------------------------------------ the line below

    def summary(self, slot: QRectF, poll: Poll, tally: Tally) -> None:
        parts = [tr("results.ballots", count=tally.ballots)]
        if tally.devices != tally.ballots:
            parts.append(tr("results.devices", count=tally.devices))
        hands = sum(tally.hands)
        if hands and poll.type in (PollType.SINGLE, PollType.MULTIPLE):
            parts.append(tr("results.hands", count=hands))
        if poll.type is PollType.SCALE and tally.median is not None:
            parts.append(tr("results.median", median=number(tally.median)))
        self.p.setPen(QColor(self.palette.muted))
        self.p.setFont(self.font(self.theme.sizes.small * 0.9))
        self.p.drawText(slot, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                        " · ".join(parts))  # fmt: skip


def _fitted(tally: Tally, options: int) -> Tally:
    def fit(values: tuple[int, ...]) -> tuple[int, ...]:
        return (values + (0,) * options)[:options]

    return replace(tally, digital=fit(tally.digital), hands=fit(tally.hands))
