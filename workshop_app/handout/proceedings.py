"""The proceedings (Tagungsband): one handout for a whole evening.

A cover with the evening's title, date and place, the contents, the program, then
for each talk that was held a page that opens it (its title, speaker, phones) and
the talk's own handout pages, made by the handout's machinery (handout/document.py
`talk_pages`: its slides two a page, its polls' results, its questions and its
checksum line), and at the end the evening's participation. Every figure is the
session's own `Results`, as the talk's handout prints it.

Each talk's checksum is in the document information (`impuls-ledger-sha256:…`, one
per session) and closes the talk's part, so `impuls verify SESSION` reads that talk's
part back as it reads its handout, and `impuls verify PROGRAM` every talk's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus.doctemplate import NextPageTemplate

from workshop_app.deck.themes import load_theme
from workshop_app.handout import charts
from workshop_app.handout.document import (
    BODY_W,
    DIGEST_KEYWORD,
    Entry,
    HandoutInput,
    Layout,
    PageOptions,
    PdfInfo,
    Progress,
    Styles,
    Written,
    talk_pages,
    with_contents,
    write_pdf,
)
from workshop_app.handout.fonts import register_fonts
from workshop_app.handout.minutes import MinutesSource, Talk, cards_line, plain
from workshop_app.handout.slides import Text, escape, faces_used
from workshop_app.i18n import day, tr

PROCEEDINGS_KEYWORD = "impuls-proceedings"


@dataclass(frozen=True)
class _Part:
    n: int
    talk: Talk
    title: str
    speaker: str


def build_proceedings(
    source: MinutesSource,
    out: Path,
    *,
    lang: str = "de",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Written:
    """Write the evening's proceedings to `out` (a temporary file beside it, renamed
    when whole); raise CancelledError if `cancelled()` turns true."""
    started = time.perf_counter()
    parts = [
        _Part(n, talk, plain(talk.title or (talk.snapshot.deck.title if talk.snapshot else "")),
              plain(talk.speaker or (talk.snapshot.deck.meta.author if talk.snapshot else "")))
        for n, talk in enumerate(source.talks, start=1)
    ]  # fmt: skip
    held = [part for part in parts if part.talk.snapshot is not None]
    register_fonts(
        faces_used([s for p in held if p.talk.snapshot for s in p.talk.snapshot.deck.slides])
    )
    st = Styles(load_theme("light"))
    body = _program(source, parts, lang, st)
    for part in held:
        body += _talk(part, lang)
    body += _participation(parts, lang, st)
    story = with_contents(_cover(source, lang, st), body, lang, st, deepest=1)
    digests = [p.talk.snapshot.digest for p in held if p.talk.snapshot is not None]
    title = plain(source.title)
    info = PdfInfo(header=(title, plain(source.place), day(source.date, lang)),
                   title=f"{title} – {tr('proceedings.title', lang)}", author="Impuls",
                   subject=tr("proceedings.title", lang),
                   keywords=("Impuls", PROCEEDINGS_KEYWORD,
                             *(DIGEST_KEYWORD + d for d in digests)))  # fmt: skip
    return write_pdf(story, out, info, lang=lang, started=started, progress=progress,
                     cancelled=cancelled)  # fmt: skip


def _cover(source: MinutesSource, lang: str, st: Styles) -> list[Flowable]:
    parts: list[Flowable] = [
        Spacer(1, 60 * mm),
        Text(escape(plain(source.title)), st.title),
        Text(escape(tr("proceedings.title", lang)), st.subtitle),
    ]
    for line in (day(source.date, lang), plain(source.place)):
        if line:
            parts.append(Text(escape(line), st.body))
    made = day(datetime.now().date(), lang)
    parts += [Spacer(1, 20 * mm), Text(escape(tr("handout.cover.made", lang, date=made)),
                                       st.small)]  # fmt: skip
    return [*parts, NextPageTemplate("page"), PageBreak()]


def _program(source: MinutesSource, parts: list[_Part], lang: str, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [Entry(tr("minutes.program", lang), st.h1, 0, "program")]
    for part in parts:
        said = (tr("minutes.talk", lang, title=part.title, speaker=part.speaker)
                if part.speaker else part.title)  # fmt: skip
        if part.talk.snapshot is None:
            said += f" – {tr('minutes.not_held', lang)}"
        story.append(Text(escape(f"{part.n}. {said}"), st.body))
    story.append(PageBreak())
    return story


def _talk(part: _Part, lang: str) -> list[Flowable]:
    """A page that opens the talk, then the talk's handout pages in its own theme."""
    snapshot = part.talk.snapshot
    assert snapshot is not None
    deck = snapshot.deck
    theme = load_theme(deck.meta.theme)
    st = Styles(theme)
    opening: list[Flowable] = [
        Spacer(1, 40 * mm),
        Entry(f"{part.n}. {part.title}", st.title, 0, f"talk-{part.n}"),
    ]
    if part.speaker:
        opening.append(Text(escape(tr("handout.cover.speaker", lang, name=part.speaker)),
                            st.subtitle))  # fmt: skip
    opening.append(Text(escape(tr("minutes.phones", lang, count=snapshot.participants)), st.body))
    pages = talk_pages(HandoutInput(deck, snapshot), PageOptions(Layout.SLIDES, lang, theme, st))
    _within(pages, part.n)
    return [*opening, PageBreak(), *pages, PageBreak()]


def _within(story: list[Flowable], talk: int) -> None:
    """A talk's handout pages, made one level deeper and their keys the talk's own: two
    talks both have a "slide-0" and may have a poll of the same id. (A suffix: the
    canvas knows a poll's key by how it starts.)"""
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            _within(list(flowable._content), talk)
            continue
        if isinstance(flowable, Entry):
            flowable.level += 1
        key = getattr(flowable, "key", None)  # an Entry's, and "results on page N"'s
        if isinstance(key, str):
            flowable.key = f"{key}@{talk}"


def _participation(parts: list[_Part], lang: str, st: Styles) -> list[Flowable]:
    """The evening's participation: each talk's phones, its voting cards where it
    counted them, and when its votes came in."""
    story: list[Flowable] = [Entry(tr("minutes.participation", lang), st.h1, 0, "participation")]
    theme = load_theme("light")
    for part in parts:
        snapshot = part.talk.snapshot
        said = (tr("minutes.phones", lang, count=snapshot.participants) if snapshot
                else tr("minutes.not_held", lang))  # fmt: skip
        story.append(Text(escape(f"{part.n}. {part.title}: {said}"), st.body))
        cards = cards_line(snapshot, lang) if snapshot is not None else None
        if cards:
            story.append(Text(escape(cards), st.body))
        if snapshot is not None and snapshot.vote_times:
            chart, _ = charts.participation_chart(snapshot.vote_times, BODY_W, theme, lang)
            story.append(KeepTogether([chart, Spacer(1, 4 * mm)]))
    return story
