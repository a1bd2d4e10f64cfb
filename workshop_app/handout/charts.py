"""Vector charts for the handout (reportlab.graphics), every label in the embedded font.

Drawn from shapes rather than reportlab's chart widgets: those set their labels
in Helvetica, which is not embedded and lacks „“ and – in some viewers.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from workshop_app.deck.look import ink_on_paper
from workshop_app.deck.themes import Theme
from workshop_app.handout.fonts import SANS, SANS_BOLD
from workshop_app.i18n import number, tr
from workshop_app.session.results import Comparison, Results

ROW = 22.0  # points per bar row
LABEL_SIZE = 9.0


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with … to fit `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class ChartInks:
    """What a chart draws with on white paper, taken from the theme's one `Colors`.

    Not a second colour model: the accent comes from the theme (made dark enough
    for paper), the rest are the greys every chart shares whatever the theme.
    """

    def __init__(self, theme: Theme) -> None:
        c = theme.colors
        self.accent = colors.HexColor(ink_on_paper(c.accent))  # bars and labels on white
        self.text = colors.HexColor("#1f2430")
        self.muted = colors.HexColor("#6b7280")
        self.track = colors.HexColor("#eef0f4")
        # Hands: the accent, lighter, with the accent as outline (no hatch patterns in PDF
        # graphics here), and named in the legend.
        self.hands = colors.Color(
            self.accent.red * 0.45 + 0.55,
            self.accent.green * 0.45 + 0.55,
            self.accent.blue * 0.45 + 0.55,
        )
        self.before = colors.HexColor("#8a93a6")

    def series(self, count: int) -> list[colors.Color]:
        """Inks for `count` bars of one answer, oldest first: `before`'s grey, then the
        accent ever stronger, the latest in full (a blend of grey and accent reads brown)."""
        if count == 1:
            return [self.accent]
        a = self.accent
        between = []
        for k in range(1, count - 1):
            strength = 0.35 + 0.55 * k / (count - 1)
            between.append(colors.Color(1 - (1 - a.red) * strength,
                                        1 - (1 - a.green) * strength,
                                        1 - (1 - a.blue) * strength))  # fmt: skip
        return [self.before, *between, a]


def _label(x: float, y: float, text: str, *, size: float = LABEL_SIZE, bold: bool = False,
           anchor: str = "start", color: colors.Color | None = None) -> String:  # fmt: skip
    return String(
        x, y, text, fontName=SANS_BOLD if bold else SANS, fontSize=size, textAnchor=anchor,
        fillColor=color or colors.HexColor("#1f2430"),
    )  # fmt: skip


def choice_chart(shown: Results, width: float, theme: Theme, lang: str) -> Drawing:
    """Horizontal bars per answer: phones solid, hands lighter, count and share at the end."""
    p = ChartInks(theme)
    largest = shown.largest
    label_width = width * 0.38
    value_width = 80.0
    bar_width = width - label_width - value_width - 12
    legend = 16.0 if shown.hands else 0.0
    height = ROW * len(shown.rows) + legend + 4
    d = Drawing(width, height)
    for place, row in enumerate(shown.rows):
        y = height - legend - (place + 1) * ROW + 5
        # A quiz question's right answer ticked and bold, the wrong ones' bars grey.
        said = f"✓ {row.key}  {row.label}" if row.correct else f"{row.key}  {row.label}"
        font = SANS_BOLD if row.correct else SANS
        d.add(_label(0, y + 4, fit(said, font, LABEL_SIZE, label_width - 6), bold=row.correct))
        x = label_width
        d.add(Rect(x, y, bar_width, ROW - 8, fillColor=p.track, strokeColor=None))
        phones = bar_width * row.phones / largest
        hands = bar_width * row.hands / largest
        ink = p.before if shown.quiz and not row.correct else p.accent
        if phones:
            d.add(Rect(x, y, phones, ROW - 8, fillColor=ink, strokeColor=None))
        if hands:
            d.add(Rect(x + phones, y, hands, ROW - 8, fillColor=p.hands, strokeColor=p.accent,
                       strokeWidth=0.8))  # fmt: skip
        d.add(_label(x + bar_width + 6, y + 4, shown.amount(row, lang), bold=True))
    if legend:
        y = height - 11
        d.add(Rect(label_width, y, 10, 8, fillColor=p.accent, strokeColor=None))
        d.add(_label(label_width + 14, y, tr("handout.poll.phones", lang), size=8))
        d.add(Rect(label_width + 70, y, 10, 8, fillColor=p.hands, strokeColor=p.accent,
                   strokeWidth=0.8))  # fmt: skip
        d.add(_label(label_width + 84, y, tr("handout.poll.hands_short", lang), size=8))
    return d


def compare_chart(pair: Comparison, width: float, theme: Theme, lang: str) -> Drawing:
    """Before and after per answer as shares, with the shift in percentage points."""
    lines = [
        (f"{s.row.key}  {s.row.label}", (s.before, s.after), s.text(lang)) for s in pair.shifts
    ]
    return share_chart((tr("results.before", lang), tr("results.after", lang)), lines, width,
                       theme, lang)  # fmt: skip


def share_chart(
    legend: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float | None], str]],
    width: float,
    theme: Theme,
    lang: str,
) -> Drawing:
    """Per answer one bar for each of `legend`'s series (a share in percent; None: not
    counted there), the shares in a row ("30 → 41 %") and the shift in bold.

    A pre/post pair within a talk (`compare_chart`) and the same poll across sessions
    (`impuls compare`) are drawn by this one chart: the earlier in grey, the latest in
    the theme's accent, those between stepping from one to the other.
    """
    p = ChartInks(theme)
    inks = p.series(len(legend))
    label_width = width * 0.34
    value_width = 110.0
    bar_width = width - label_width - value_width - 12
    step = (ROW * 1.7 - 8) / 2  # one bar and its gap
    row = 8 + step * len(legend)
    height = row * len(lines) + 20
    d = Drawing(width, height)
    y = height - 11
    x = label_width
    room = (width - label_width) / len(legend) - 14
    for name, color in zip(legend, inks, strict=True):
        shown = fit(name, SANS, 8, room)
        d.add(Rect(x, y, 10, 8, fillColor=color, strokeColor=None))
        d.add(_label(x + 14, y, shown, size=8))
        x += max(80, 14 + stringWidth(shown, SANS, 8) + 12)
    for i, (label, shares, shift) in enumerate(lines):
        top = height - 20 - i * row
        d.add(_label(0, top - row / 2 - 3, fit(label, SANS, LABEL_SIZE, label_width - 6)))
        for k, (share, color) in enumerate(zip(shares, inks, strict=True)):
            y = top - 4 - (k + 1) * step
            d.add(Rect(label_width, y, bar_width, step - 2, fillColor=p.track, strokeColor=None))
            if share:
                d.add(Rect(label_width, y, bar_width * min(share, 100) / 100, step - 2,
                           fillColor=color, strokeColor=None))  # fmt: skip
        said = " → ".join("–" if v is None else number(v, 0, lang) for v in shares)
        x = label_width + bar_width + 6
        d.add(_label(x, top - row / 2 + 2, fit(f"{said} %", SANS, 8.5, value_width - 6), size=8.5))
        d.add(_label(x, top - row / 2 - 9, shift, bold=True, size=8.5))
    return d


def histogram(shown: Results, width: float, theme: Theme, lang: str) -> Drawing:
    """Columns per scale value with their counts; the mean as a dashed line."""
    p = ChartInks(theme)
    height = 150.0
    base, top = 28.0, height - 14
    d = Drawing(width, height)
    column = width / max(len(shown.rows), 1)
    largest = shown.largest
    ends = shown.end_words  # from the chart's two edges inwards, not in a column
    if ends is not None:
        half = width / 2 - 6
        d.add(_label(0, base - 23, fit(ends[0], SANS, 7, half), size=7, color=p.muted))
        d.add(_label(width, base - 23, fit(ends[1], SANS, 7, half), size=7, anchor="end",
                     color=p.muted))  # fmt: skip
    for k, step in enumerate(shown.rows):
        h = (top - base - 14) * step.total / largest
        x = k * column + column * 0.18
        d.add(Rect(x, base, column * 0.64, h, fillColor=p.accent, strokeColor=None))
        d.add(_label(x + column * 0.32, base + h + 3, str(step.total), bold=True, anchor="middle"))
        d.add(_label(x + column * 0.32, base - 12, step.key, anchor="middle"))
        if step.label and ends is None:
            d.add(_label(x + column * 0.32, base - 23, fit(step.label, SANS, 7, column - 4),
                         size=7, anchor="middle", color=p.muted))  # fmt: skip
    d.add(Line(0, base, width, base, strokeColor=p.muted, strokeWidth=0.6))
    if shown.mean is not None:
        x = (shown.mean - shown.poll.scale[0] + 0.5) * column
        d.add(Line(x, base, x, top, strokeColor=p.text, strokeWidth=1.2, strokeDashArray=[3, 2]))
        d.add(_label(x + 3, top - 4, f"Ø {number(shown.mean, 1, lang)}", size=8, bold=True))
    return d


def participation_chart(
    times: Sequence[float], width: float, theme: Theme, lang: str
) -> tuple[Drawing, int]:
    """Votes per time bucket from the first vote to the last; returns the bucket minutes."""
    p = ChartInks(theme)
    start, end = min(times), max(times)
    span_minutes = max((end - start) / 60, 1)
    minutes = next(m for m in (1, 2, 5, 10, 15, 30, 60, 120) if span_minutes / m <= 24)
    # Up to the last vote's bucket: the one-minute floor above picks the step only.
    buckets = [0] * (int((end - start) / 60 // minutes) + 1)
    for t in times:
        buckets[int((t - start) / 60 // minutes)] += 1
    height = 120.0
    base = 16.0
    d = Drawing(width, height)
    column = width / len(buckets)
    largest = max(buckets)
    for k, count in enumerate(buckets):
        h = (height - base - 16) * count / largest
        d.add(Rect(k * column + 1, base, max(column - 2, 0.5), h, fillColor=p.accent,
                   strokeColor=None))  # fmt: skip
        if count and column > 14:
            d.add(_label(k * column + column / 2, base + h + 2, str(count), size=7,
                         anchor="middle"))  # fmt: skip
    d.add(Line(0, base, width, base, strokeColor=p.muted, strokeWidth=0.6))
    shown_minutes = len(buckets) * minutes  # the axis's length: whole buckets
    for tick in axis_ticks(shown_minutes):
        x = width * tick / shown_minutes
        anchor = "start" if tick == 0 else "end" if x > width - 12 else "middle"
        d.add(Line(x, base, x, base - 3, strokeColor=p.muted, strokeWidth=0.6))
        d.add(_label(x, 4, f"{tick} min", size=7, anchor=anchor, color=p.muted))
    return d, minutes


NICE_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 240, 480)  # minutes between an axis's ticks


def axis_ticks(span_minutes: float, most: int = 7) -> list[int]:
    """Ticks every 1, 2, 5, 10, 15, 30 … minutes, from 0 to `span_minutes`, at most `most`
    of them: a reader finds "after 20 minutes" as on a clock, not between 0 and "47 min"."""
    step = next((m for m in NICE_STEPS if span_minutes / m < most), NICE_STEPS[-1])
    return list(range(0, int(span_minutes) + 1, step))
