"""`impuls verify`: does a handout print the session's results, unaltered?

The checksum alone proves little: anyone can append `impuls-ledger-sha256:…` to any
PDF. So the printed results are read back (pypdf extracts the text reportlab wrote)
and each poll's printed figures are compared with what the session counts, through
the same results model that printed them: the vote line, every row of the counts
table, the points of a ranking, mean and median of a scale, the approved answers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from workshop_app.deck import Deck, Poll, PollType
from workshop_app.handout.document import DIGEST_KEYWORD, poll_heading, question_lines
from workshop_app.i18n import Lang, number, tr
from workshop_app.session.model import AnswerState
from workshop_app.session.questions import Question, public
from workshop_app.session.results import Results
from workshop_app.session.snapshot import SessionSnapshot

DIGEST = re.compile(re.escape(DIGEST_KEYWORD) + r"([0-9a-f]{64})")


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
    # pypdf logs what it repairs in a damaged file ("EOF marker not found") in English
    # on the terminal; a file that is no handout is said in one sentence of ours.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(pdf)
        keywords = str(reader.metadata.get("/Keywords", "")) if reader.metadata else ""
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    except (PdfReadError, OSError, ValueError) as error:
        raise NotAHandoutError(str(error)) from None
    finally:
        pypdf_log.setLevel(level)
    found = DIGEST.search(keywords)
    if found is None:
        raise NotAHandoutError("no checksum")
    verdict = Verdict(found.group(1))
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
    return all(" ".join(line.split()) in section for line in expected)
