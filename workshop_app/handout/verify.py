"""`impuls verify`: does a handout print the session's results, unaltered?

Also the minutes (PDF or .docx: each poll's line, the answered questions) and the
proceedings of an evening (the session's talk's part, read as its handout).

The checksum alone proves little: anyone can append `impuls-ledger-sha256:…` to any
PDF. So the printed results are read back (pypdf extracts the text reportlab wrote)
and each poll's printed figures are compared with what the session counts, through
the same results model that printed them: the vote line, every row of the counts
table, the points of a ranking, mean and median of a scale, the approved answers.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from workshop_app.deck import Deck, Poll, PollType
from workshop_app.handout.document import DIGEST_KEYWORD, poll_heading, question_lines
from workshop_app.handout.fonts import drawable, register_fonts
from workshop_app.handout.minutes import MINUTES_KEYWORD, answered, plain
from workshop_app.handout.minutes import results as minutes_results
from workshop_app.handout.proceedings import PROCEEDINGS_KEYWORD
from workshop_app.i18n import Lang, number, tr
from workshop_app.session.model import AnswerState
from workshop_app.session.questions import Question, public
from workshop_app.session.results import Results
from workshop_app.session.snapshot import SessionSnapshot

DIGEST = re.compile(re.escape(DIGEST_KEYWORD) + r"([0-9a-f]{64})")
PRINTED_DIGEST = re.compile(r"\(SHA-256\): ([0-9a-f]{64})")  # the minutes' "minutes.digest"


class NotAHandoutError(Exception):
    """Not a PDF, or no Impuls handout (no checksum in its document information)."""


@dataclass
class Verdict:
    digest: str  # the checksum the PDF states
    checked: list[str] = field(default_factory=list)  # poll ids whose figures match
    differing: list[Poll] = field(default_factory=list)  # printed, but not as counted
    missing: list[Poll] = field(default_factory=list)  # counted, but not printed
    questions_differ: bool = False  # the approved questions or their upvotes, not as stored

    def holds(self, snapshot: SessionSnapshot) -> bool:
        return (
            self.digest == snapshot.digest
            and not self.differing
            and not self.missing
            and not self.questions_differ
        )


def verify(snapshot: SessionSnapshot, pdf: Path) -> Verdict:
    """Whether `pdf` (a handout, or the minutes as PDF or .docx) prints what the
    session counts, under its checksum."""
    keywords, text, on_paper = _read(pdf)
    found = DIGEST.findall(keywords)
    if not found:
        raise NotAHandoutError("no checksum")
    # The minutes of an evening name every talk's session; a handout names its one.
    verdict = Verdict(snapshot.digest if snapshot.digest in found else found[0])
    words = re.split(r"[,\s]+", keywords)
    if MINUTES_KEYWORD in words:
        _check_minutes(snapshot, text, verdict, on_paper=on_paper)
        return verdict
    if PROCEEDINGS_KEYWORD in words:  # the evening's: this session's talk is one part
        text = _talk_part(text, snapshot.digest)
    sections = _sections(text, snapshot.deck)
    for poll in snapshot.deck.polls:
        shown = snapshot.results_of(poll)
        if shown is None:
            continue  # never ran: nothing to print or to check
        section = sections.get(poll.id)
        if section is None:
            verdict.missing.append(poll)
        elif any(_printed(section, shown, lang) for lang in Lang):
            verdict.checked.append(poll.id)
        else:
            verdict.differing.append(poll)
    printed = public(snapshot.questions)
    if printed:
        verdict.questions_differ = not any(_questions_printed(text, printed, lang) for lang in Lang)
    return verdict


def _talk_part(text: str, digest: str) -> str:
    """A talk's part of the proceedings: from the checksum line that closes the talk
    before it (or the start) to its own. Empty where its checksum is not printed."""
    start = 0
    for found in re.finditer(r"[0-9a-f]{64}", text):
        if found.group() == digest:
            return text[start : found.end()]
        start = found.end()
    return ""


def _read(path: Path) -> tuple[str, str, bool]:
    """The keywords and the text of a handout or the minutes, and whether it is a PDF
    (whose fonts leave out what they cannot print) or the minutes' .docx."""
    if zipfile.is_zipfile(path):  # a .docx is a zip; a PDF never starts like one
        return (*_read_docx(path), False)
    # pypdf logs what it repairs in a damaged file ("EOF marker not found") in English
    # on the terminal; a file that is no handout is said in one sentence of ours.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        keywords = str(reader.metadata.get("/Keywords", "")) if reader.metadata else ""
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    except (PdfReadError, OSError, ValueError) as error:
        raise NotAHandoutError(str(error)) from None
    finally:
        pypdf_log.setLevel(level)
    return keywords, text, True


def _read_docx(path: Path) -> tuple[str, str]:
    """The minutes as the secretary may have edited them: keywords, and every
    paragraph's text, the tables' too."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise NotAHandoutError(str(error)) from None
    said = [p.text for p in document.paragraphs]
    said += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = " ".join(" ".join(said).split())
    # The core properties hold two checksums (handout/minutes_docx.py); an evening's
    # others are in the last lines, where the secretary reads them too.
    printed = (DIGEST_KEYWORD + digest for digest in PRINTED_DIGEST.findall(text))
    return " ".join([document.core_properties.keywords or "", *printed]), text


def _check_minutes(
    snapshot: SessionSnapshot, text: str, verdict: Verdict, *, on_paper: bool
) -> None:
    """Each poll's result line (a motion's sentence) and the questions marked answered,
    as handout/minutes.py writes them for this session, are in `text`, in one language.
    In the minutes of an evening, this session's talk is one of several."""
    if on_paper:
        register_fonts()  # what the PDF could not print, left out of what is looked for

    def said(line: str) -> str:
        return " ".join((drawable(line) if on_paper else line).split())

    found: dict[str, bool] = {}
    for lang in Lang:
        for result in minutes_results(snapshot, lang):
            found[result.poll.id] = found.get(result.poll.id, False) or said(result.line) in text
    for poll in snapshot.deck.polls:
        if poll.id not in found:
            continue  # never ran: not in the minutes
        if found[poll.id]:
            verdict.checked.append(poll.id)
        elif said(plain(poll.question)) in text:
            verdict.differing.append(poll)
        else:
            verdict.missing.append(poll)
    if any(answered(snapshot, lang) for lang in Lang):
        verdict.questions_differ = not any(
            _in_order(text, [said(" ".join(pair)) for pair in answered(snapshot, lang)])
            for lang in Lang
        )


def _in_order(text: str, lines: list[str]) -> bool:
    for line in lines:
        found = text.find(line)
        if found < 0:
            return False
        text = text[found + len(line) :]
    return True


def _questions_printed(text: str, printed: list[Question], lang: Lang) -> bool:
    """Every approved question, in its place, with its upvotes and answered state."""
    heading = tr("handout.questions", lang)
    start = text.rfind(heading)
    if start < 0:
        return False
    section = text[start:]
    for place, question in enumerate(printed, start=1):
        for line in question_lines(question, place, lang):
            found = section.find(" ".join(line.split()))
            if found < 0:
                return False
            section = section[found:]  # in order: a swapped pair does not pass
    return True


def _sections(text: str, deck: Deck) -> dict[str, str]:
    """Each poll's results as printed: from its heading to the next poll's heading.

    The contents list the headings first, so a poll's section is among the last
    occurrences; polls that ask the same question (a before/after pair) share a
    heading and are printed in the deck's order, so the k-th of them owns the k-th
    of the last occurrences. (Before: every such poll read the last one's figures.)
    """
    found: dict[str, str] = {}
    for lang in Lang:
        asking: dict[str, list[Poll]] = {}
        for poll in deck.polls:
            heading = " ".join(poll_heading(deck, poll, lang).split())
            asking.setdefault(heading, []).append(poll)
        for heading, same in asking.items():
            # "… · Folie 2" must not match "… · Folie 22"
            starts = [m.start() for m in re.finditer(re.escape(heading) + r"(?!\d)", text)]
            printed = starts[-len(same) :]
            for poll, start in zip(same[len(same) - len(printed) :], printed, strict=True):
                if poll.id in found:
                    continue
                end = text.find(heading.split(":")[0] + ":", start + len(heading))
                found[poll.id] = text[start : end if end >= 0 else len(text)]
    return found


def _printed(section: str, shown: Results, lang: Lang) -> bool:
    """Every figure the handout prints for this poll is in `section`."""
    expected = [tr("handout.poll.votes", lang, ballots=shown.ballots, devices=shown.devices)]
    kind = shown.poll.type
    if kind in (PollType.SINGLE, PollType.MULTIPLE, PollType.MOTION):
        expected += [
            f"{row.key} {' '.join(row.label.split())} {row.phones} {row.hands} {row.total}"
            f" {shown.percent(row, lang)}"
            for row in shown.rows
        ]
    elif kind is PollType.RANKING:
        expected += [shown.amount(row, lang) for row in shown.rows]
    elif kind is PollType.SCALE:
        mean = number(shown.mean, 1, lang) if shown.mean is not None else "–"
        median = number(shown.median, 1, lang) if shown.median is not None else "–"
        expected.append(tr("handout.poll.mean_median", lang, mean=mean, median=median,
                           count=shown.base_count))  # fmt: skip
    elif kind is PollType.TEXT:
        expected += [
            " ".join(a.text.split()) for a in shown.answers if a.state is AnswerState.APPROVED
        ]
    if shown.motion is not None:  # the outcome as decided from these very counts
        expected.append(shown.motion.sentence(lang))
    return all(" ".join(line.split()) in section for line in expected)
