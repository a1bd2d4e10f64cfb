"""`impuls compare --pdf`: the same polls across sessions, one trend chart each.

The handout's page template, cover, contents, fonts and styles (handout/document.py),
and its chart for a before/after pair, given one bar per session (charts.share_chart):
a comparison reads like the handouts it was made from. Every figure is the session's
own `Results`, as its handout prints it.

Not a handout of one session, so `impuls verify` does not take it: its document
information names each session's checksum under its own keyword, and the last page
prints them, so a reader can tell which files it was made from.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus.doctemplate import NextPageTemplate

from workshop_app.deck.themes import Theme, load_theme
from workshop_app.handout import charts
from workshop_app.handout.document import (
    BODY_W,
    Entry,
    PdfInfo,
    Styles,
    Written,
    with_contents,
    write_pdf,
)
from workshop_app.handout.fonts import register_fonts
from workshop_app.handout.slides import Text, escape
from workshop_app.i18n import day, number, tr
from workshop_app.session.trend import Matched, Trend, Trends

COMPARED_KEYWORD = "impuls-compared-sha256:"  # one per session; not verify's DIGEST_KEYWORD


def build_trends(
    compared: Trends,
    out: Path,
    *,
    lang: str = "de",
    cancelled: Callable[[], bool] | None = None,
) -> Written:
    """Write the comparison to `out` (a temporary file beside it, renamed when whole);
    raise CancelledError if `cancelled()` turns true (the export dialog's Cancel)."""
    started = time.perf_counter()
    register_fonts()
    latest = compared.editions[-1].snapshot.deck.meta
    theme = load_theme(latest.theme)
    st = Styles(theme)
    labels = " · ".join(e.label for e in compared.editions)
    body = _trends(compared, lang, theme, st) + _closing(compared, lang, st)
    story = with_contents(_cover(compared, labels, lang, st), body, lang, st)
    keywords = ("Impuls", "compare",
                *(COMPARED_KEYWORD + e.snapshot.digest for e in compared.editions))  # fmt: skip
    subtitle = tr("compare.cover.subtitle", lang, labels=labels)
    info = PdfInfo(header=(latest.title, subtitle, ""), title=f"{latest.title} – {subtitle}",
                   author=latest.author, subject=tr("compare.subject", lang),
                   keywords=keywords)  # fmt: skip
    return write_pdf(story, out, info, lang=lang, started=started, cancelled=cancelled)


def _cover(compared: Trends, labels: str, lang: str, st: Styles) -> list[Flowable]:
    meta = compared.editions[-1].snapshot.deck.meta
    parts: list[Flowable] = [
        Spacer(1, 60 * mm),
        Text(escape(meta.title), st.title),
        Text(escape(tr("compare.cover.subtitle", lang, labels=labels)), st.subtitle),
    ]
    if meta.event:
        parts.append(Text(escape(meta.event), st.body))
    for edition in compared.editions:
        said = tr("compare.cover.session", lang, label=edition.label,
                  file=edition.snapshot.path.name,
                  count=edition.snapshot.participants)  # fmt: skip
        parts.append(Text(escape(said), st.body))
    made = day(datetime.now().date(), lang)
    parts += [Spacer(1, 20 * mm), Text(escape(tr("handout.cover.made", lang, date=made)),
                                       st.small)]  # fmt: skip
    return [*parts, NextPageTemplate("page"), PageBreak()]


def _trends(compared: Trends, lang: str, theme: Theme, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Entry(tr("compare.polls", lang), st.h1, 0, "trends"),
        Text(escape(tr("compare.shift_note", lang)), st.small),
    ]
    for n, trend in enumerate(compared.trends, start=1):
        story.append(CondPageBreak(90 * mm))
        story.append(KeepTogether(_trend(compared, trend, n, lang, theme, st)))
    return story


def _trend(
    compared: Trends, trend: Trend, n: int, lang: str, theme: Theme, st: Styles
) -> list[Flowable]:
    poll = trend.poll
    parts: list[Flowable] = [Entry(poll.question, st.h2, 1, f"trend-{n}")]
    matched = (tr("compare.matched.id", lang, id=poll.id) if trend.matched is Matched.ID
               else tr("compare.matched.question", lang))  # fmt: skip
    parts.append(Text(escape(matched), st.small))
    for edition, asked, shown in zip(compared.editions, trend.polls, trend.results, strict=True):
        if asked is None:
            said = tr("compare.not_asked", lang, label=edition.label)
        elif shown is None:
            said = f"{edition.label}: {tr('handout.poll.never_ran', lang)}"
        else:
            said = f"{edition.label}: {' · '.join(shown.summary(lang))}"
        parts.append(Text(escape(said), st.small))
    lines = [(f"{line.key}  {line.label}" if line.label else line.key, line.shares,
              line.shift.text(lang)) for line in trend.lines]  # fmt: skip
    legend = [e.label for e in compared.editions]
    parts.append(Spacer(1, 2 * mm))
    parts.append(charts.share_chart(legend, lines, BODY_W, theme, lang))
    means = [r.mean for r in trend.results if r is not None and r.mean is not None]
    if means:
        said = " → ".join(number(m, 1, lang) for m in means)
        parts.append(Text(escape(tr("results.mean", lang, mean=said)), st.body))
    return parts


def _closing(compared: Trends, lang: str, st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    if compared.differences:
        story += [
            CondPageBreak(60 * mm),
            Entry(tr("compare.different", lang), st.h1, 0, "different"),
            Text(escape(tr("compare.different.text", lang)), st.body),
        ]
        for difference in compared.differences:
            quoted = tr("compare.named", lang, question=difference.question,
                        reason=difference.reason)  # fmt: skip
            story.append(Text(escape(quoted), st.body))
    story += [
        CondPageBreak(50 * mm),
        Entry(tr("compare.digests", lang), st.h1, 0, "digests"),
        Text(escape(tr("compare.digests.text", lang)), st.body),
    ]
    for edition in compared.editions:
        said = tr("compare.digest", lang, label=edition.label, file=edition.snapshot.path.name,
                  digest=edition.snapshot.digest)  # fmt: skip
        story.append(Text(escape(said), st.digest_line))
    return story
