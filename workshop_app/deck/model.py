"""The deck as data: frozen dataclasses, no behaviour beyond convenient lookups.

Every slide and poll carries the 1-based line of the source file it starts on, so
that anything reported about it (by `check`, by the presenter console on live
reload, by the handout) can point the speaker at the right place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from workshop_app.deck.reactions import DEFAULT_REACTIONS
from workshop_app.i18n import Lang, tr

if TYPE_CHECKING:  # the model stays importable without PDFium
    from workshop_app.deck.pdf import PdfFile

# ---------------------------------------------------------------- inline text


class Script(StrEnum):
    """Raised or lowered text: x<sup>2</sup>, H<sub>2</sub>O."""

    NONE = ""
    SUPER = "sup"
    SUB = "sub"


@dataclass(frozen=True)
class Span:
    """A run of text with one style; a paragraph is a tuple of spans."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    strike: bool = False
    underline: bool = False
    mark: bool = False
    script: Script = Script.NONE
    math: bool = False  # `text` is TeX ($…$), typeset where it stands

    def same_style(self, other: Span) -> bool:
        return (
            self.bold == other.bold
            and self.italic == other.italic
            and self.code == other.code
            and self.href == other.href
            and self.strike == other.strike
            and self.underline == other.underline
            and self.mark == other.mark
            and self.script is other.script
            and self.math == other.math
        )


Inline = tuple[Span, ...]


def plain_text(spans: Inline) -> str:
    return "".join(span.text for span in spans)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    level: int
    spans: Inline
    fit: bool = False  # Marp's `# <!--fit--> Title`: as large as the slide is wide

    @property
    def text(self) -> str:
        return plain_text(self.spans)


@dataclass(frozen=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True)
class ListItem:
    """One list entry: its own text and whatever is nested below it."""

    spans: Inline
    children: tuple[Block, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[ListItem, ...]
    start: int = 1
    # Items apart by blank lines: each one a paragraph, spaced as paragraphs are.
    loose: bool = False


@dataclass(frozen=True)
class Quote:
    children: tuple[Block, ...]


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[Align | None, ...]


@dataclass(frozen=True)
class CodeBlock:
    code: str
    language: str = ""


@dataclass(frozen=True)
class Image:
    """A local image; `path` is resolved against the deck's folder.

    Marp's image keywords in the alt text (`bg`, `w:300`, `contain`, …) are kept
    apart from the description so that renderers can honour them.
    """

    src: str
    alt: str
    line: int
    path: Path | None = None
    title: str = ""
    background: bool = False
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Math:
    """A displayed formula ($$…$$), in TeX as KaTeX reads it."""

    tex: str


@dataclass(frozen=True)
class Rule:
    """A thematic break inside a slide (`***` or `___`; `---` separates slides)."""


@dataclass(frozen=True)
class PollBlock:
    poll: Poll


@dataclass(frozen=True)
class QuestionsBlock:
    """The room's top approved questions, live on the slide (```questions)."""

    line: int
    title: str = ""  # above the list; empty: the slide's own heading says it
    count: int = 5  # how many, most upvoted first


@dataclass(frozen=True)
class LeaderboardBlock:
    """The quiz's standings, live on the slide (```leaderboard): the top phones by
    points, by nickname; with `names: false` the room's average alone."""

    line: int
    title: str = ""  # above the board; empty: the slide's own heading says it
    count: int = 5  # how many places
    names: bool = True  # nicknames shown; False: no name at all, the average only


@dataclass(frozen=True)
class PdfPage:
    """A page of a PDF, filling its slide (`![](pdf:3)`, or a PDF opened as the deck).

    `document` is the PDF's digest, a key of `Deck.pdfs`; the size and text are
    the page's own, so the overview, the handout and the phones need no PDFium.
    """

    document: str
    page: int  # 0-based
    line: int
    width: float  # points, as shown
    height: float
    text: str = ""
    title: str = ""  # its first run of text in one size (deck/pdf.py)


Block = (
    Heading
    | Paragraph
    | ListBlock
    | Quote
    | Table
    | CodeBlock
    | Image
    | Math
    | Rule
    | PollBlock
    | QuestionsBlock
    | LeaderboardBlock
    | PdfPage
)


# ---------------------------------------------------------------- polls


# Letters on poll options, as people say them aloud ("Antwort B"): on the slide,
# the phone, the results and the handout alike.
OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class PollType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    TEXT = "text"
    RANKING = "ranking"
    MOTION = "motion"  # a formal vote: Ja / Nein / Enthaltung, decided by a majority


# The poll types a phone answers by picking one option (a motion's Ja, Nein or
# Enthaltung is one pick, counted as a single choice is).
ONE_PICK = frozenset({PollType.SINGLE, PollType.MOTION})


class Eligible(StrEnum):
    """Who may vote: every phone that joined, or only phones holding a voting card."""

    ALL = "all"
    CARDS = "cards"


class Majority(StrEnum):
    """What a motion needs to pass (session/motion.py applies it).

    simple: more Ja than Nein. two-thirds: Ja at least two thirds of the votes cast
    (Ja + Nein; abstentions are not votes cast, as German association law counts
    them, BGH II ZR 9/81). absolute: Ja more than half of the voting cards issued.
    """

    SIMPLE = "simple"
    TWO_THIRDS = "two-thirds"
    ABSOLUTE = "absolute"

    def words(self, lang: Lang | str | None = None) -> str:
        """The rule as a sentence ends: "einfache Mehrheit", "zwei Drittel der … Stimmen"."""
        return tr(MAJORITY_WORDS[self], lang)


MAJORITY_WORDS = {
    Majority.SIMPLE: "motion.majority.simple",
    Majority.TWO_THIRDS: "motion.majority.two_thirds",
    Majority.ABSOLUTE: "motion.majority.absolute",
}
ELIGIBLE_WORDS = {Eligible.ALL: "motion.eligible.all", Eligible.CARDS: "motion.eligible.cards"}


@dataclass(frozen=True)
class Quorum:
    """How many of the voting cards issued must be present when a motion closes:
    a number (`quorum: 30`) or a share in percent (`quorum: 50%`)."""

    value: int
    percent: bool = False

    def needed(self, issued: int) -> int:
        """The cards present that reach the quorum, of `issued` (a share rounds up)."""
        if not self.percent:
            return self.value
        return -(-issued * self.value // 100)

    def __str__(self) -> str:
        """As the deck writes it: "30" or "50%"."""
        return f"{self.value}%" if self.percent else str(self.value)


def motion_options(lang: Lang | str) -> tuple[str, str, str]:
    """A motion's fixed answers in `lang`, in this order on every surface: Ja, Nein,
    Enthaltung (Yes, No, Abstain)."""
    return (tr("motion.option.yes", lang), tr("motion.option.no", lang),
            tr("motion.option.abstain", lang))  # fmt: skip


# Answers that mean "none of the others", in the decks' two languages: a word of
# "none", and what people add to it ("Keiner davon", "Keins von diesen", "None of
# the above"). A list of whole phrases missed "Keiner davon" at the rehearsal.
NONE_OF_THESE = re.compile(
    r"(?:kein|keine|keiner|keines|keins|nichts|none|nothing|neither)"
    r"(?: (?:davon|von (?:diesen|denen|allen|ihnen)|der (?:genannten|obigen)"
    r"|of (?:these|them|the above|those)))?"
)


@dataclass(frozen=True)
class Poll:
    """A poll as the deck declares it; its live state belongs to the session."""

    id: str
    type: PollType
    question: str
    line: int
    options: tuple[str, ...] = ()
    max_choices: int | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    labels: tuple[str, ...] = ()
    max_length: int | None = None
    compare_with: str | None = None
    # A quiz question (`correct:`): the right answers' indices; empty: an opinion poll.
    correct: tuple[int, ...] = ()
    seconds: int | None = None  # a countdown: the poll closes by itself after this long
    eligible: Eligible = Eligible.ALL  # who may vote (cards: one vote per voting card)
    majority: Majority | None = None  # a motion's rule (simple unless the deck says); else None
    quorum: Quorum | None = None  # a motion's quorum of the cards issued; None: none

    @property
    def motion(self) -> bool:
        return self.type is PollType.MOTION

    @property
    def quiz(self) -> bool:
        return bool(self.correct)

    @property
    def exclusive(self) -> int | None:
        """For multiple choice: the answer that rules out all others ("Keines", "None of
        these"); ticking it with another makes no sense, so phones and the server refuse."""
        if self.type is not PollType.MULTIPLE:
            return None
        for index, option in enumerate(self.options):
            if NONE_OF_THESE.fullmatch(" ".join(option.casefold().strip(" .!…").split())):
                return index
        return None

    @property
    def scale(self) -> range:
        """The values a scale offers: 1 to 5 unless the deck says otherwise (0 is a value)."""
        low = 1 if self.scale_min is None else self.scale_min
        high = 5 if self.scale_max is None else self.scale_max
        return range(low, high + 1)


# ---------------------------------------------------------------- slides and decks


# Ours first, then Marp's three built-in themes under their own names.
THEMES = ("light", "dark", "high-contrast", "default", "gaia", "uncover")
MARP_THEMES = frozenset({"default", "gaia", "uncover"})


class Aspect(StrEnum):
    WIDE = "16:9"
    WIDE_1610 = "16:10"  # Beamer's aspectratio=1610, many laptops' screens
    CLASSIC = "4:3"
    A4 = "A4"  # landscape, as PowerPoint and LibreOffice print to paper

    @property
    def ratio(self) -> float:
        return {"16:9": 16 / 9, "16:10": 16 / 10, "4:3": 4 / 3, "A4": 297 / 210}[self.value]

    @classmethod
    def nearest(cls, width: float, height: float) -> Aspect:
        """The canvas closest to a page of this size (a PDF's first page)."""
        ratio = max(width, 1e-6) / max(height, 1e-6)
        return min(cls, key=lambda aspect: abs(math.log(aspect.ratio / ratio)))


def _frozen_mapping() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True)
class FontSize:
    """A CSS font size: Marp's CSS px, or (`relative`) a share of the slide's type (em, %)."""

    value: float
    relative: bool = False


NO_SIZES: tuple[FontSize | None, ...] = (None,) * 6


@dataclass(frozen=True)
class SlideStyle:
    """What a deck's own CSS (Marp's `style:` and `<style>`) changes on one slide, read
    by deck/stylesheet.py; None keeps the theme's. deck/look.py applies it."""

    size: FontSize | None = None  # the section's type: headings and spacing follow it
    text_size: FontSize | None = None  # paragraphs and list items
    heading_sizes: tuple[FontSize | None, ...] = NO_SIZES  # h1 … h6
    text: str | None = None  # #rrggbb, the section's colour (headings too, as `color:`)
    title: str | None = None  # h1's colour
    heading: str | None = None  # h2 … h6's colour
    background: str | None = None
    align: str | None = None  # "left" or "center"
    padding: tuple[float | None, ...] = (None,) * 4  # top, right, bottom, left (CSS px)


@dataclass(frozen=True)
class MarginLine:
    """A header or footer as Marp shows it: inline Markdown, and images (a logo).

    Marp renders the directive's Markdown; `images_first` keeps a logo written
    before the words on the left of them.
    """

    spans: Inline = ()
    images: tuple[Image, ...] = ()
    images_first: bool = True

    def __bool__(self) -> bool:
        return bool(self.spans or self.images)

    @property
    def text(self) -> str:
        return plain_text(self.spans)


@dataclass(frozen=True)
class Slide:
    index: int
    line: int
    blocks: tuple[Block, ...]
    notes: str = ""
    classes: tuple[str, ...] = ()
    directives: Mapping[str, object] = field(default_factory=_frozen_mapping)
    header: MarginLine = MarginLine()
    footer: MarginLine = MarginLine()
    # The page number shown in the corner, counted as Marp counts (`paginate: skip`
    # and `hold` do not count their slide); None: the slide shows none.
    page_number: int | None = None
    style: SlideStyle = SlideStyle()  # the deck's own CSS where it reaches this slide

    @property
    def title(self) -> str:
        """The text of the slide's first heading (a PDF page's title), else its poll's
        question (a poll put between a PDF's pages has no heading), or ""."""
        for block in self.blocks:
            if isinstance(block, Heading):
                return block.text
            if isinstance(block, PdfPage):
                return block.title
        polls = self.polls
        return polls[0].question if polls else ""

    @property
    def page(self) -> PdfPage | None:
        """The PDF page this slide is, if it is one (it then shows nothing else)."""
        return next((b for b in self.blocks if isinstance(b, PdfPage)), None)

    @property
    def polls(self) -> tuple[Poll, ...]:
        return tuple(block.poll for block in self.blocks if isinstance(block, PollBlock))

    @property
    def questions(self) -> QuestionsBlock | None:
        """The live question list this slide shows, if any."""
        return next((b for b in self.blocks if isinstance(b, QuestionsBlock)), None)

    @property
    def leaderboard(self) -> LeaderboardBlock | None:
        """The quiz's standings this slide shows, if any."""
        return next((b for b in self.blocks if isinstance(b, LeaderboardBlock)), None)

    @property
    def images(self) -> tuple[Image, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Image))

    @property
    def shown_images(self) -> tuple[Image, ...]:
        """Every image the slide shows: its own, and those of its header and footer."""
        return (*self.images, *self.header.images, *self.footer.images)


@dataclass(frozen=True)
class DeckMeta:
    title: str = ""
    subtitle: str = ""
    author: str = ""
    event: str = ""
    date: str = ""
    lang: Lang = Lang.DE
    theme: str = "light"
    duration_minutes: int | None = None
    aspect: Aspect = Aspect.WIDE
    paginate: bool = False
    header: str = ""
    footer: str = ""
    questions: bool = True  # phones may ask questions (front matter `questions: false`: not)
    follow: bool = True  # phones show the slide the room sees (`follow: false`: not)
    # What phones may tap on any slide (deck/reactions.py); () with `reactions: false`.
    reactions: tuple[str, ...] = DEFAULT_REACTIONS
    end_slide: int | None = None  # pdfpc's end of the talk (index); backup slides follow
    quiz_speed: bool = False  # a right quiz answer earns up to a point more for speed
    marp: bool = False  # written for Marp (`marp: true`), as our own decks are too


@dataclass(frozen=True)
class Deck:
    source: str
    meta: DeckMeta
    slides: tuple[Slide, ...]
    path: Path | None = None
    warnings: tuple[Problem, ...] = ()
    # The PDFs whose pages are slides, by digest (deck/pdf.py reads them).
    pdfs: Mapping[str, PdfFile] = field(default_factory=lambda: MappingProxyType({}))
    # Every file read besides the source (the PDF, pdfpc's notes), by the name the
    # deck gives it: the session keeps them, so the handout needs nothing else.
    files: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def polls(self) -> tuple[Poll, ...]:
        return tuple(poll for slide in self.slides for poll in slide.polls)

    def poll(self, poll_id: str) -> Poll:
        for poll in self.polls:
            if poll.id == poll_id:
                return poll
        raise KeyError(poll_id)

    @cached_property
    def prints_numbers(self) -> bool:
        """Whether a slide of the deck prints its page number (`paginate`). Asked for
        every slide a handout names: decided once, not by a walk over all slides each."""
        return any(slide.page_number is not None for slide in self.slides)

    def shown_number(self, slide: Slide) -> int | None:
        """The number a reader finds on `slide`: in a deck that prints page numbers, the
        one Marp prints (`paginate: skip` and `hold` do not count their slide), else its
        place in the deck. None: a slide of such a deck that prints none."""
        return slide.page_number if self.prints_numbers else slide.index + 1

    def slide_of_poll(self, poll_id: str) -> Slide:
        for slide in self.slides:
            if any(poll.id == poll_id for poll in slide.polls):
                return slide
        raise KeyError(poll_id)

    def poll_before(self, poll: Poll) -> Poll | None:
        """For the later poll of a pre/post pair, the earlier one; otherwise None."""
        if not poll.compare_with:
            return None
        try:
            earlier = self.poll(poll.compare_with)
            if self.slide_of_poll(earlier.id).index < self.slide_of_poll(poll.id).index:
                return earlier
        except KeyError:
            pass  # a pair whose other half was deleted from the deck
        return None


# What opens as a deck: Markdown, a PDF (every page a slide), and what LibreOffice
# turns into one (deck/office.py).
# What LibreOffice turns into a PDF deck (deck/office.py).
OFFICE_SUFFIXES = (".pptx", ".ppt", ".odp", ".key")
DECK_SUFFIXES = (".md", ".markdown", ".pdf", *OFFICE_SUFFIXES)


def is_deck_file(path: Path) -> bool:
    return path.suffix.lower() in DECK_SUFFIXES


def is_office_file(path: Path) -> bool:
    return path.suffix.lower() in OFFICE_SUFFIXES


# ---------------------------------------------------------------- problems


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a deck, located by line, translatable at display time."""

    severity: Severity
    message_id: str
    line: int | None
    params: Mapping[str, object] = field(default_factory=_frozen_mapping)
    path: Path | None = None

    def message(self, lang: Lang | str | None = None) -> str:
        return tr(self.message_id, lang, **self.params)

    def format(self, lang: Lang | str | None = None) -> str:
        """`PATH:LINE: Fehler: message`, the form editors and terminals link to."""
        location = str(self.path) if self.path is not None else "<deck>"
        if self.line is not None:
            location = f"{location}:{self.line}"
        kind = tr("severity.error" if self.severity is Severity.ERROR else "severity.warning", lang)
        return f"{location}: {kind}: {self.message(lang)}"


class DeckError(Exception):
    """A deck that cannot be used; carries every error found (and the warnings)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if not errors:
            raise ValueError("a DeckError needs at least one error")
        self.problems = problems
        self.errors = tuple(errors)
        super().__init__(self.errors[0].format())

    @property
    def line(self) -> int | None:
        """The line of the first error."""
        return self.errors[0].line

    @property
    def path(self) -> Path | None:
        return self.errors[0].path
