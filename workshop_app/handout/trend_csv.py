"""`impuls compare --csv`: one row per answer and session, the same poll's rows together.

Rows, not a column per session: the column names stay the same whatever the
sessions are called, so a program reads every comparison alike, and a spreadsheet
sets them side by side with a pivot table. Written by `exports.write_csv`, so the
`--excel` dialect and the formula guard are the results CSV's.
"""

from __future__ import annotations

from collections.abc import Iterable

from workshop_app.deck import PollType
from workshop_app.handout.exports import BASE_WORDS, HEADINGS, motion_cells, quiz_cells
from workshop_app.i18n import half_up, tr
from workshop_app.session.results import TYPE_WORDS
from workshop_app.session.trend import Matched, Trends

TREND_COLUMNS = ["poll", "question", "type", "option", "session", "date", "phone_votes", "hands",
                 "total", "percent", "percent_base", "base_count", "correct", "right_percent",
                 "verdict", "outcome", "shift_points", "matched_by"]  # fmt: skip
TREND_HEADINGS = HEADINGS | {
    "session": "export.column.session",
    "date": "export.column.date",
    "shift_points": "export.column.shift_points",
    "matched_by": "export.column.matched_by",
}
MATCHED_WORDS = {Matched.ID: "export.matched.id", Matched.QUESTION: "export.matched.question"}


def trend_rows(compared: Trends, lang: str | None = None) -> Iterable[list[object]]:
    """Per compared poll, per answer (in the order the latest session shows them), one row
    for each session that counted it: that session's poll id, question, counts and share
    as its own results CSV writes them, and the change in points since the first session.

    `lang`: headings and words of that language, for a spreadsheet; None: the column
    names and values programs read (docs/exports.md)."""
    yield [tr(TREND_HEADINGS[c], lang) if lang else c for c in TREND_COLUMNS]
    for trend in compared.trends:
        matched = tr(MATCHED_WORDS[trend.matched], lang) if lang else trend.matched.value
        for line in trend.lines:
            for k, (edition, shown) in enumerate(zip(compared.editions, trend.results,
                                                     strict=True)):  # fmt: skip
                row = line.rows[k]
                if shown is None or row is None:
                    continue  # not asked there, or never counted
                poll = shown.poll
                kind = tr(TYPE_WORDS[poll.type], lang) if lang else poll.type.value
                base = tr(BASE_WORDS[shown.base], lang) if lang else shown.base.value
                option: object = int(row.key) if poll.type is PollType.SCALE else row.label
                first = next(r for r in line.rows if r is not None)
                # the difference of the shares as written, so the file adds up to the digit
                shift = (
                    "" if row is first else float(half_up(row.share, 1) - half_up(first.share, 1))
                )
                yield [poll.id, poll.question, kind, option, edition.label,
                       edition.held.isoformat(), row.phones, row.hands, row.total,
                       shown.share(row), base, shown.base_count, *quiz_cells(shown, row, lang),
                       *motion_cells(shown, lang), shift,
                       matched]  # fmt: skip
