"""The minutes (Protokoll) of a talk or an evening, decided once for both files.

`minutes()` reads the session files and lays the minutes out as a list of blocks:
headings, lines, the result of each poll, the signatures. Two writers print that one
list, unchanged: the .docx the secretary edits (handout/minutes_docx.py) and the PDF
filed with it (handout/minutes_pdf.py). Every figure is the session's own `Results`
and its display text, as the projector and the handout say it; nothing is counted here.

What participants typed (questions, names, open answers) stays text: the model holds
plain strings, the PDF writer escapes them for reportlab's paragraph markup, the docx
writer puts them in runs, which are text. Characters XML cannot hold (control
characters a hostile session file may carry) and Zalgo's marks are dropped here, so
both files print the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from workshop_app.deck import Poll, PollType
from workshop_app.handout.document import DIGEST_KEYWORD, question_lines
from workshop_app.i18n import day, number, tr
from workshop_app.session.model import AnswerState
from workshop_app.session.program import Program, load_program, talk_sessions
from workshop_app.session.questions import QuestionState, public
from workshop_app.session.results import Results
from workshop_app.session.snapshot import SessionSnapshot, open_snapshot
from workshop_app.session.text import cap_marks

MINUTES_KEYWORD = "impuls-minutes"  # in the files' keywords: what `verify` reads it as


class Kind(StrEnum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"  # a section: program, participation, a talk
    SUBHEADING = "subheading"  # within a talk: its votes, its questions
    TEXT = "text"
    ITEM = "item"  # a numbered or listed line: a talk of the program, a question
    RESULT = "result"  # a poll's result (or a motion's sentence): `verify` reads it back
    NOTE = "note"  # small print under a result
    SIGNATURES = "signatures"  # place and date, and a line for each who signs
    DIGEST = "digest"  # the one small line at the end


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    parts: tuple[str, ...] = ()  # SIGNATURES: who signs, one line each


@dataclass(frozen=True)
class Talk:
    """One talk of the minutes: its session (None: not held, no session file), and how
    the program names it."""

    snapshot: SessionSnapshot | None
    title: str = ""  # "": the deck's title
    speaker: str = ""  # "": the deck's author


@dataclass(frozen=True)
class MinutesSource:
    title: str
    date: str  # as the program or the deck gives it; ISO dates are written out
    place: str
    talks: tuple[Talk, ...]

    @classmethod
    def of_session(cls, snapshot: SessionSnapshot) -> MinutesSource:
        """A single talk's minutes: its deck's title, date and event."""
        meta = snapshot.deck.meta
        held = meta.date or _created(snapshot)
        return cls(meta.title or snapshot.deck.title, held, meta.event, (Talk(snapshot),))

    @classmethod
    def of_program(
        cls, program: Program, sessions: Sequence[SessionSnapshot | None]
    ) -> MinutesSource:
        """An evening's minutes: the program's title, date and place, and each talk with
        its session (None where it has none yet: a talk not held)."""
        talks = []
        for talk, snapshot in zip(program.talks, sessions, strict=True):
            title = talk.shown_title(snapshot.deck.title if snapshot else None)
            talks.append(Talk(snapshot, title, talk.speaker))
        return cls(program.title, program.date.isoformat(), program.place, tuple(talks))

    @classmethod
    def of_program_file(cls, program_file: Path, folder: Path | None = None) -> MinutesSource:
        """An evening as its program file names it, each talk with its session as far as
        it has one, from the evening's folder in the data folder or `folder`: what the
        minutes, the proceedings and `verify` of an evening read. Raises ProgramError,
        SnapshotError, or NothingHeldError when no talk has a session yet."""
        program = load_program(program_file)
        snapshots: list[SessionSnapshot | None] = []
        for path in talk_sessions(program_file, program):
            found = folder / path.name if folder is not None else path
            snapshots.append(open_snapshot(found) if found.is_file() else None)
        if not any(snapshots):
            raise NothingHeldError(program_file)
        return cls.of_program(program, snapshots)


class NothingHeldError(Exception):
    """No talk of the evening has a session file yet: there is nothing to write."""

    def __init__(self, program_file: Path) -> None:
        super().__init__(program_file)
        self.program_file = program_file

    def message(self) -> str:
        return tr("minutes.no_sessions", program=self.program_file)


@dataclass(frozen=True)
class Minutes:
    title: str
    lang: str
    blocks: tuple[Block, ...]
    digests: tuple[str, ...]  # each talk's ledger digest, in the program's order

    @property
    def keywords(self) -> list[str]:
        """The document information's keywords: the kind, and every checksum."""
        return ["Impuls", MINUTES_KEYWORD] + [DIGEST_KEYWORD + d for d in self.digests]

    def checked(self) -> list[str]:
        """The lines `verify` looks for in a written copy: every result and the digests."""
        return [b.text for b in self.blocks if b.kind in (Kind.RESULT, Kind.DIGEST)]


# XML 1.0 has no place for these; python-docx refuses them, and a PDF shows them as boxes.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def plain(text: str) -> str:
    """A participant's text as both files print it: no control characters, no Zalgo,
    one line."""
    return " ".join(cap_marks(_NOT_IN_XML.sub("", text)).split())


def minutes(source: MinutesSource, lang: str = "de") -> Minutes:
    blocks: list[Block] = [
        Block(Kind.TITLE, tr("minutes.title", lang)),
        Block(Kind.SUBTITLE, plain(source.title)),
        Block(Kind.TEXT, tr("minutes.when", lang, date=day(source.date, lang) or "–")),
    ]
    if source.place:
        blocks.append(Block(Kind.TEXT, tr("minutes.where", lang, place=plain(source.place))))
    blocks.append(Block(Kind.HEADING, tr("minutes.program", lang)))
    for n, talk in enumerate(source.talks, start=1):
        blocks.append(Block(Kind.ITEM, f"{n}. {_talk_line(talk, lang)}"))
    blocks.append(Block(Kind.HEADING, tr("minutes.participation", lang)))
    for talk in source.talks:
        said = (tr("minutes.phones", lang, count=talk.snapshot.participants) if talk.snapshot
                else tr("minutes.not_held", lang))  # fmt: skip
        cards = cards_line(talk.snapshot, lang) if talk.snapshot else None
        for line in (said, cards) if cards else (said,):
            shown = f"{_talk_title(talk)}: {line}" if len(source.talks) > 1 else line
            blocks.append(Block(Kind.TEXT, shown))
    for n, talk in enumerate(source.talks, start=1):
        if talk.snapshot is not None:
            blocks += _talk(talk.snapshot, _talk_title(talk), n if len(source.talks) > 1 else 0,
                            lang)  # fmt: skip
    blocks.append(Block(Kind.HEADING, tr("minutes.signatures", lang)))
    blocks.append(Block(Kind.SIGNATURES, tr("minutes.place_date", lang),
                        (tr("minutes.chair", lang), tr("minutes.secretary", lang))))  # fmt: skip
    digests = tuple(talk.snapshot.digest for talk in source.talks if talk.snapshot)
    for digest in digests:
        blocks.append(Block(Kind.DIGEST, tr("minutes.digest", lang, digest=digest)))
    return Minutes(plain(source.title), lang, tuple(blocks), digests)


def _created(snapshot: SessionSnapshot) -> str:
    if snapshot.created <= 0:
        return ""
    return datetime.fromtimestamp(snapshot.created, UTC).date().isoformat()


def _talk_title(talk: Talk) -> str:
    return plain(talk.title or (talk.snapshot.deck.title if talk.snapshot else ""))


def _talk_line(talk: Talk, lang: str) -> str:
    speaker = plain(talk.speaker or (talk.snapshot.deck.meta.author if talk.snapshot else ""))
    title = _talk_title(talk)
    return tr("minutes.talk", lang, title=title, speaker=speaker) if speaker else title


def _talk(snapshot: SessionSnapshot, title: str, n: int, lang: str) -> list[Block]:
    """A talk's votes and polls, and the questions answered in it; `n`: its place in
    the program (0: the minutes of this talk alone)."""
    blocks: list[Block] = []
    if n:
        blocks.append(Block(Kind.HEADING, f"{n}. {title}"))
    ran = results(snapshot, lang)
    blocks.append(Block(Kind.SUBHEADING if n else Kind.HEADING, tr("minutes.polls", lang)))
    if not ran:
        blocks.append(Block(Kind.TEXT, tr("minutes.no_polls", lang)))
    for result in ran:
        blocks.append(Block(Kind.RESULT, result.line))
        blocks.append(Block(Kind.NOTE, result.note))
    blocks.append(Block(Kind.SUBHEADING if n else Kind.HEADING, tr("minutes.questions", lang)))
    said = answered(snapshot, lang)
    if not said:
        blocks.append(Block(Kind.TEXT, tr("minutes.no_questions", lang)))
    for line, under in said:
        blocks.append(Block(Kind.ITEM, line))
        blocks.append(Block(Kind.NOTE, under))
    return blocks


@dataclass(frozen=True)
class Result:
    poll: Poll
    line: str  # the result in one line: what `verify` reads back
    note: str  # the counts under it


def results(snapshot: SessionSnapshot, lang: str) -> list[Result]:
    """Each poll that ran, in the deck's order, as the minutes print it: a motion in the
    sentence of its outcome (session/motion.py, with the rule applied), and under it
    whether the meeting had its quorum; any other poll in one line."""
    found = []
    for poll in snapshot.deck.polls:
        shown = snapshot.results_of(poll)
        if shown is None:
            continue
        note = " · ".join(shown.summary(lang))
        if shown.motion is not None:
            line = tr("minutes.motion", lang, question=plain(poll.question),
                      sentence=shown.motion.sentence(lang))  # fmt: skip
            quorum = shown.motion.quorum_note(lang)
            note = f"{quorum} · {note}" if quorum else note
        else:
            line = poll_line(poll, shown, lang)
        found.append(Result(poll, line, note))
    return found


def cards_line(snapshot: SessionSnapshot, lang: str) -> str | None:
    """The voting cards as the last vote that counted them closed: issued and present."""
    counted = [snapshot.cards[p.id] for p in snapshot.deck.polls if p.id in snapshot.cards]
    if not counted:
        return None
    return tr("minutes.cards", lang, issued=counted[-1].issued, present=counted[-1].present)


def answered(snapshot: SessionSnapshot, lang: str) -> list[tuple[str, str]]:
    """The questions marked answered, in the one order, each as a line and the line
    under it (who asked, upvotes), as the handout prints them."""
    said = [q for q in public(snapshot.questions) if q.state is QuestionState.ANSWERED]
    return [
        (plain(line), plain(under))
        for line, under in (question_lines(q, n, lang) for n, q in enumerate(said, start=1))
    ]


def poll_line(poll: Poll, shown: Results, lang: str) -> str:
    """A poll's result in one line, in the words and figures every surface prints."""
    question = plain(poll.question)
    if poll.type is PollType.SCALE:
        mean = number(shown.mean, 1, lang) if shown.mean is not None else "–"
        median = number(shown.median, 1, lang) if shown.median is not None else "–"
        said = tr("handout.poll.mean_median", lang, mean=mean, median=median,
                  count=shown.base_count)  # fmt: skip
    elif poll.type is PollType.TEXT:
        approved = sum(1 for a in shown.answers if a.state is AnswerState.APPROVED)
        said = tr("minutes.answers", lang, count=shown.ballots, approved=approved)
    else:
        said = "; ".join(f"{plain(row.label)} {shown.amount(row, lang)}" for row in shown.rows)
    return f"{question} – {said}"
