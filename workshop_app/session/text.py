"""Text from strangers' phones, kept to what a language needs: no "Zalgo".

Issue 33, item 12: a question of 279 combining marks, and a name of 40, were stored
and drawn as a smear over the lines above and below. After NFC a German umlaut or a
French accent is one character; Vietnamese stacks at most two marks on a letter
(ệ, ở written apart), Thai a vowel and a tone mark, pointed Hebrew three. So a letter
keeps its first MAX_MARKS marks and loses the rest, and a mark with no letter before
it (at the start, or after a space) is dropped: it has nothing to sit on.
"""

from __future__ import annotations

import unicodedata

MAX_MARKS = 3  # combining marks on one base character


def cap_marks(text: str, most: int = MAX_MARKS) -> str:
    """`text` with at most `most` combining marks (Unicode category M) on each base."""
    if text.isascii():  # the common case, and the vote path's: nothing to do
        return text
    kept: list[str] = []
    marks = most  # none may stand before the first base
    for char in text:
        if unicodedata.category(char)[0] == "M":
            if marks < most and kept and not kept[-1].isspace():
                kept.append(char)
                marks += 1
            continue
        kept.append(char)
        marks = 0
    return "".join(kept)
