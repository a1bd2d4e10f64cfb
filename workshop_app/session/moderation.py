"""Open answers on a shared screen: a profanity filter and the words people used most.

The filter errs on the side of hiding: a hidden answer costs the moderator one
click to approve, an insult on the projector cannot be taken back. German
compounds ("Scheißidee") are why some stems match inside words; English short
words ("ass" in "class") match only as whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache

# Stems that are offensive wherever they appear inside a word.
INSIDE_WORDS = (
    "scheiß", "scheiss", "arschloch", "arschgeige", "fotze", "wichser", "wixer", "wixxer",
    "hurensohn", "hurenkind", "schlampe", "missgeburt", "spast", "vollpfosten", "kanake",
    "fick", "fuck", "motherf", "bitch", "cunt", "nigg", "asshole", "bullshit", "dickhead",
    "wanker", "retard", "faggot", "schwuchtel", "dreckssau", "drecksau",
)  # fmt: skip
# Words offensive on their own but harmless inside others (class, Hurra, Dickicht).
WHOLE_WORDS = frozenset(
    {
        "arsch", "ass", "shit", "shitty", "dick", "dicks", "hure", "huren", "piss", "pisse",
        "slut", "whore", "idiot", "idioten", "depp", "trottel", "penner",
        "kacke", "kack", "sau", "schwanz", "titten", "tits", "bastard", "bastards",
    }
)  # fmt: skip
# Stems offensive at the start of a word, harmless inside one (Arschkriecher, but
# Marsch and Barsch).
WORD_STARTS = ("arsch", "kack", "wichs")
# Scripts whose letters look like Latin ones: a word that mixes them with Latin
# letters ("Fuсk" with a Cyrillic с) is written to slip past this filter; no German
# or English word does it. Lookalikes are also folded to Latin before the lists are
# matched (_folded), which catches a word written wholly in them.
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})
# Leetspeak people use to slip past filters.
_LEET = str.maketrans("013457@$", "oieastas")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)

# The word cloud's filler words: the stop-word lists of the `stop-words` package
# (German 263, English 1,333 words, kept up to date there), plus the few connectives
# it lacks that real answers were full of ("Außerdem …", "Zudem …").
_OWN_FILLERS = ("außerdem", "zudem", "dabei", "eben", "halt", "etc", "usw", "bzw")


@cache
def stopwords() -> frozenset[str]:
    """Read on the first word cloud, not at import: the lists are files the package
    reads (~8 ms), and most starts (an export of a session without text answers, the
    server) never count words."""
    from stop_words import get_stop_words

    lists = (*get_stop_words("german"), *get_stop_words("english"), *_OWN_FILLERS)
    return frozenset(word.casefold() for word in lists)


def _normalise(text: str) -> str:
    decomposed = _folded(unicodedata.normalize("NFKC", text)).casefold().translate(_LEET)
    return decomposed.replace("ß", "ss")


def _folded(text: str) -> str:
    """Each letter that Unicode's confusables data (UTS #39) says looks like a Latin
    one, as that Latin letter: "ѕһіт" written wholly in Cyrillic reads "shiт", and
    the filter sees what a reader sees. Latin letters (ü, ß) and digits stay."""
    # Imported where a question is judged, not where a session is read: the package
    # brings urllib.request (for its data updater), and with it http.client and email,
    # about 40 ms of every export's start that reads no new question.
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin", "common"])
    table: dict[int, str] = {}
    for item in found or ():
        shapes = [glyph["c"] for glyph in item["homoglyphs"] if _is_latin(glyph["c"])]
        if shapes:  # the plain ASCII letter where there is one: "а" as "a", not "ɑ"
            table[ord(item["character"])] = min(shapes, key=lambda c: (not c.isascii(), c))
    # The data's one prototype of every upright stroke is the small l; a capital
    # stroke (Greek Ι, Cyrillic І) reads as a capital I: "Ιdiοt" is "Idiot".
    for point, latin in list(table.items()):
        if latin == "l" and chr(point).isupper():
            table[point] = "I"
    return text.translate(table)


def prepare_judging() -> None:
    """Load the confusables data now, where a store starts, so that the first question
    of a talk is not the one that waits for it (~40 ms)."""
    from confusable_homoglyphs import categories, confusables  # noqa: F401 - see _folded


def _is_latin(glyph: str) -> bool:
    from confusable_homoglyphs import categories  # see _folded

    return all(categories.alias(c) == "LATIN" for c in glyph)


def is_offensive(text: str) -> bool:
    """True if an answer should be hidden until the moderator approves it."""
    plain = _normalise(text)
    squeezed = re.sub(r"[^\w]", "", plain)  # "f.u.c.k" and "sch eiss" do not slip through
    for stem in INSIDE_WORDS:
        stem = stem.replace("ß", "ss")
        if stem in plain or stem in squeezed:
            return True
    if any(word in WHOLE_WORDS or word.startswith(WORD_STARTS) for word in _WORD.findall(plain)):
        return True
    # Mixed scripts are looked for before folding, which makes them one script.
    return any(_mixes_lookalikes(word) for word in _WORD.findall(text))


def _mixes_lookalikes(word: str) -> bool:
    scripts = {unicodedata.name(c, "?").split(" ", 1)[0] for c in word if c.isalpha()}
    return len(scripts & _LOOKALIKE_SCRIPTS) > 1


def frequent_words(texts: Iterable[str], top: int = 30) -> list[tuple[str, int]]:
    """The words used most, ignoring case, stop words and words of one or two letters."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    fillers = stopwords()
    for text in texts:
        for word in _WORD.findall(text):
            key = word.casefold()
            if len(key) < 3 or key in fillers or key.isdigit():
                continue
            counts[key] += 1
            shown.setdefault(key, word)  # the spelling first seen, so "KMU" stays "KMU"
    return [(shown[key], n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][
        :top
    ]
