"""A new talk: from our template, or around a PowerPoint, Impress, Keynote or PDF file.

`new_talk` writes a short Markdown deck (title, agenda, a poll, questions,
thanks) in the speaker's language; `talk_from_presentation` writes the
companion deck beside a presentation (`pdf: vortrag.pptx`, one slide
`![](pdf:1-)`), so its pages are the talk and polls can go between them.
`with_slide_after_page` puts a slide after page N of such a deck: the
`![](pdf:A-B)` slide holding N is split in two, every other byte stays.

Nothing is ever overwritten: a taken name gets `-2`, `-3`, … Qt-free.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import platformdirs

from workshop_app.deck import yamlblock
from workshop_app.deck.draft import Draft, unique_id
from workshop_app.deck.frontmatter import LOCAL_DIRECTIVES
from workshop_app.deck.model import OFFICE_SUFFIXES, Deck
from workshop_app.deck.pdf import parse_page_range
from workshop_app.deck.pdf_deck import PAGE_SCHEME
from workshop_app.deck.splitter import MarkdownSegment, split_source
from workshop_app.i18n import Lang, tr
from workshop_app.paths import RESOURCES_DIR

TEMPLATES_DIR = RESOURCES_DIR / "templates"
TEMPLATES = {Lang.DE: TEMPLATES_DIR / "vortrag.de.md", Lang.EN: TEMPLATES_DIR / "talk.en.md"}
# What a talk can be made around: what LibreOffice converts, and a PDF.
PRESENTATION_SUFFIXES = (*OFFICE_SUFFIXES, ".pdf")
# The file name when the title gives none (only punctuation, say).
_FALLBACK_STEM = {Lang.DE: "vortrag", Lang.EN: "talk"}
_MOST_STEM_CHARS = 60
_FRONT_MATTER_PEEK = 64 * 1024  # a companion's front matter is a few lines
# A value YAML reads as the text it says, without quotes.
_PLAIN_YAML = re.compile(r"[\w(][\w .,()+'&-]*", re.UNICODE)
# Characters a heading shows only when escaped (emphasis, links, code, HTML, math).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]>#~$|!])")
_DIRECTIVE_KEY = re.compile(r"(?P<spot>_?)(?P<name>[A-Za-z]+)[ \t]*:")
# `![alt](pdf:3-7)`: a page reference as the parser reads it.
_PAGE_REF = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\(\s*(?P<src>" + re.escape(PAGE_SCHEME) + r"[^)\s]*)(?P<tail>[^)\n]*)\)"
)


# ---------------------------------------------------------------- from the template


def default_talks_dir() -> Path:
    """Where new talks go unless the speaker says otherwise: Documents/Impuls."""
    return Path(platformdirs.user_documents_dir()) / "Impuls"


def slug(title: str, lang: Lang | str = Lang.DE) -> str:
    """A file name stem: `Sichtbar bleiben – aber wie?` → `sichtbar-bleiben-aber-wie`."""
    text = title.casefold().replace("ß", "ss")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = text[:_MOST_STEM_CHARS].rstrip("-")
    return text or _FALLBACK_STEM[Lang(lang)]


def free_path(folder: Path, stem: str, suffix: str = ".md") -> Path:
    """`folder/stem.md`, or `stem-2.md`, `stem-3.md`, … whichever does not exist."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def talk_text(title: str, lang: Lang | str, author: str = "", today: date | None = None) -> str:
    """The template in `lang` with the talk's title, author and date filled in."""
    chosen = Lang(lang)
    title, author = _one_line(title), _one_line(author)
    template = TEMPLATES[chosen].read_text(encoding="utf-8")
    if not author:  # no empty `author:` and no empty line where the name would be
        template = re.sub(r"(?m)^author: \{\{author\}\}\n", "", template)
        template = template.replace("\n{{byline}}\n", "")
    values = {
        "title": _yaml_text(title),
        "author": _yaml_text(author),
        "date": (today or date.today()).isoformat(),
        "heading": _markdown_text(title),
        "byline": _markdown_text(author),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda match: values[match.group(1)], template)


def new_talk(
    folder: Path, title: str, lang: Lang | str, author: str = "", today: date | None = None
) -> Path:
    """Write a new talk from the template into `folder` (made if missing) as
    `<slug of title>.md`, never over an existing file; its path.

    Raises OSError when the folder cannot be made or written to."""
    chosen = Lang(lang)
    text = talk_text(title, chosen, author, today)
    folder.mkdir(parents=True, exist_ok=True)
    return _write_new(folder, slug(title, chosen), text)


# ---------------------------------------------------------------- around a presentation


def is_presentation(path: Path) -> bool:
    return path.suffix.lower() in PRESENTATION_SUFFIXES


def companion_text(name: str) -> str:
    """The deck that shows every page of `name` (beside it), ready for polls between."""
    return f"---\npdf: {_yaml_text(name)}\n---\n\n![]({PAGE_SCHEME}1-)\n"


def talk_from_presentation(presentation: Path) -> Path:
    """Write the companion deck beside `presentation` (`vortrag.md` for
    `vortrag.pptx`; `vortrag-impuls.md`, `vortrag-impuls-2.md`, … when taken) and
    return its path. The presentation itself is only looked at, never written.

    Raises ValueError for a file that is no presentation or PDF, FileNotFoundError
    when it does not exist, OSError when its folder cannot be written to."""
    if not is_presentation(presentation):
        raise ValueError(f"not a presentation or PDF: {presentation.name}")
    if not presentation.is_file():
        raise FileNotFoundError(2, "No such file", str(presentation))
    folder, stem = presentation.parent, presentation.stem
    text = companion_text(presentation.name)
    first = folder / f"{stem}.md"
    if not (first.exists() or first.is_symlink()):
        try:
            with first.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return first
        except FileExistsError:
            pass
    return _write_new(folder, f"{stem}-impuls", text)


def find_companion(presentation: Path) -> Path | None:
    """The companion deck beside `presentation` that `talk_from_presentation` wrote
    (or a speaker's own deck of that name naming it in `pdf:`), if there is one:
    polls added later go into it, not into a second one."""
    folder, stem = presentation.parent, presentation.stem
    candidates = [folder / f"{stem}.md", *sorted(folder.glob(f"{stem}-impuls*.md"))]
    for candidate in candidates:
        try:
            head = Draft.read(candidate.read_text(encoding="utf-8")[:_FRONT_MATTER_PEEK]).head
            loaded = yamlblock.load_mapping("\n".join(head[1:-1]))
        except (OSError, UnicodeDecodeError, yamlblock.YamlError):
            continue
        if isinstance(loaded, yamlblock.Mapping) and any(
            entry.key == "pdf" and str(entry.value) == presentation.name for entry in loaded.entries
        ):
            return candidate
    return None


# ---------------------------------------------------------------- a slide after page N


@dataclass(frozen=True)
class PageRef:
    """One `![](pdf:A-B)` in a source slide: where it is and which pages it shows."""

    slide: int  # the Draft's slide index
    line: int  # index in the slide's content lines
    start: int  # columns of the reference in that line
    end: int
    alt: str
    tail: str  # what follows the address inside the parentheses (a title)
    first: int  # 1-based
    last: int  # 1-based, the end of the PDF resolved
    open_end: bool  # written `pdf:12-`: to the end, however long the PDF gets


def deck_page_count(deck: Deck) -> int | None:
    """How many pages the PDF (or presentation) of a parsed deck has: the
    `page_count` the functions below take; None for a deck without `pdf:`."""
    pdf = next(iter(deck.pdfs.values()), None)
    return None if pdf is None else len(pdf.pages)


def pages_of_slides(text: str, page_count: int) -> list[tuple[int, ...]]:
    """Per source slide (the Draft's), the 1-based pages it shows: () for a slide
    of its own (a poll, text), (3, 4, 5, 6, 7) for `![](pdf:3-7)`."""
    draft = Draft.read(text)
    shown: list[list[int]] = [[] for _ in draft.slides]
    for ref in _refs(draft, page_count):
        shown[ref.slide].extend(range(ref.first, ref.last + 1))
    return [tuple(pages) for pages in shown]


def slide_after_page_index(text: str, page: int, page_count: int) -> int:
    """The source slide index (the Draft's) the new slide gets in the text
    `with_slide_after_page(text, page, …, page_count)` returns."""
    ref, _ = _holding(Draft.read(text), page, page_count)
    return ref.slide + 1


def with_slide_after_page(text: str, page: int, slide_text: str, page_count: int) -> str:
    """`text` (a deck with `pdf:` pages) with a new slide of `slide_text` right
    after page `page` (1-based), the first slide that shows it.

    The slide holding the page is split: `![](pdf:A-B)` becomes `![](pdf:A-N)`,
    the new slide, and `![](pdf:N+1-B)` (a single page as `pdf:N`); its comments
    (the first page's notes) stay with the first part. At the end of a range the
    new slide simply follows. Every other line stays as it was, byte for byte.
    Raises ValueError when no slide shows that page."""
    draft = Draft.read(text)
    ref, later = _holding(draft, page, page_count)
    rest: list[str] = []
    if ref.last > page:
        rest.append(_ref_text(ref.alt, page + 1, ref.last, ref.tail, open_end=ref.open_end))
    # References after this one on the same slide go to the second part, in order.
    rest.extend(draft.slides[ref.slide].content[o.line][o.start : o.end] for o in later)
    edited = draft
    if rest:
        content = list(draft.slides[ref.slide].content)
        emptied: set[int] = set()
        for other in reversed(later):  # right to left: the columns before stay valid
            line = content[other.line]
            content[other.line] = line[: other.start] + line[other.end :]
            if not content[other.line].strip():
                emptied.add(other.line)
        if ref.last > page:
            line = content[ref.line]
            written = _ref_text(ref.alt, ref.first, page, ref.tail)
            content[ref.line] = line[: ref.start] + written + line[ref.end :]
        kept = [line for number, line in enumerate(content) if number not in emptied]
        edited = draft.with_slide_text(ref.slide, "\n".join(kept))
    edited = edited.inserted(ref.slide + 1, slide_text)
    if rest:
        # Marp's spot directives (`<!-- _class: lead -->`) were the whole slide's: both parts'.
        rest.extend(_spot_directives(draft.slides[ref.slide].content))
        edited = edited.inserted(ref.slide + 2, "\n\n".join(rest))
    return edited.text


def new_poll_text(lang: Lang | str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A poll slide to start from, its id unique among `taken`."""
    chosen = Lang(lang)
    poll_id = unique_id(tr("new_talk.poll_id", chosen), set(taken))
    question = tr("new_talk.poll_question", chosen)
    options = tr("new_talk.poll_options", chosen)
    return f"```poll\nid: {poll_id}\ntype: single\nquestion: {question}\noptions: [{options}]\n```"


# ---------------------------------------------------------------- helpers


def _write_new(folder: Path, stem: str, text: str) -> Path:
    """`text` in a file of `folder` named after `stem` that did not exist before."""
    while True:
        target = free_path(folder, stem)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:  # taken between looking and writing: the next name
            continue
        return target


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _yaml_text(text: str) -> str:
    """`text` as a YAML value that reads back as exactly `text`."""
    if not text or (_PLAIN_YAML.fullmatch(text) and text.strip() == text):
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON's strings are YAML's double-quoted


def _markdown_text(text: str) -> str:
    """`text` as Markdown that shows it as it is."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;")).replace("<", "&lt;")
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)  # `2026. Ein Jahr` is no list


def _refs(draft: Draft, page_count: int) -> list[PageRef]:
    found: list[PageRef] = []
    for index, slide in enumerate(draft.slides):
        content = slide.content
        markdown_lines = _markdown_lines(content)
        for number, line in enumerate(content):
            read = markdown_lines.get(number)
            if read is None:
                continue
            for match in _PAGE_REF.finditer(line):
                if match.group() not in read:  # in a comment on the line
                    continue
                wanted = parse_page_range(match.group("src").removeprefix(PAGE_SCHEME))
                if wanted is None:
                    continue
                first, last = wanted[0], page_count if wanted[1] is None else wanted[1]
                if first > last or last > page_count:
                    continue
                found.append(
                    PageRef(index, number, match.start(), match.end(), match.group("alt"),
                            match.group("tail"), first, last, wanted[1] is None)
                )  # fmt: skip
    return found


def _markdown_lines(content: tuple[str, ...]) -> dict[int, str]:
    """The content's lines that are Markdown (not code, HTML or a comment): index →
    the line as the parser reads it (comments taken out)."""
    lines: dict[int, str] = {}
    for raw in split_source("\n".join(content)).slides:
        for segment in raw.segments:
            if isinstance(segment, MarkdownSegment):
                for number, line in zip(segment.numbers, segment.lines, strict=False):
                    lines[number - 1] = line
    return lines


def _spot_directives(content: tuple[str, ...]) -> list[str]:
    """The slide's spot directives (`_class: lead`), each as a comment of its own."""
    found: list[str] = []
    for raw in split_source("\n".join(content)).slides:
        for comment in raw.comments:
            lines = [line.strip() for line in comment.text.split("\n") if line.strip()]
            keys = [_DIRECTIVE_KEY.match(line) for line in lines]
            if (
                not comment.closed
                or not lines
                or not all(key and key.group("name") in LOCAL_DIRECTIVES for key in keys)
            ):
                continue  # a note, not directives
            found.extend(
                f"<!-- {line} -->" for line, key in zip(lines, keys, strict=True)
                if key and key.group("spot")
            )  # fmt: skip
    return found


def _holding(draft: Draft, page: int, page_count: int) -> tuple[PageRef, list[PageRef]]:
    """The first reference showing `page`, and the references after it on its slide."""
    refs = _refs(draft, page_count)
    for number, ref in enumerate(refs):
        if ref.first <= page <= ref.last:
            later = [other for other in refs[number + 1 :] if other.slide == ref.slide]
            return ref, later
    raise ValueError(f"no slide shows page {page} (of {page_count})")


def _ref_text(alt: str, first: int, last: int, tail: str = "", *, open_end: bool = False) -> str:
    if open_end:
        pages = f"{first}-"
    elif first == last:
        pages = f"{first}"
    else:
        pages = f"{first}-{last}"
    return f"![{alt}]({PAGE_SCHEME}{pages}{tail})"
