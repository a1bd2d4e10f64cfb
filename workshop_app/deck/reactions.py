"""Reactions from the room: which emoji a deck lets phones tap, checked once.

A deck names its set in the front matter (`reactions: [👏, 🎉]`), switches them off
(`reactions: false`) or takes the four below. Each must be one emoji, as a phone's
keyboard types it (a skin tone, a ZWJ sequence and a flag included): the projector
draws them in a narrow lane, and the server counts nothing else.
"""

from __future__ import annotations

import unicodedata

DEFAULT_REACTIONS = ("👏", "❤️", "😂", "🤔")
MOST_REACTIONS = 6  # a row a phone shows at 360 px
MOST_CODE_POINTS = 10  # 👩🏽‍💻 is five; a longer "emoji" is text in disguise
_JOINER, _VARIATION, _KEYCAP = "\u200d", "\ufe0f", "\u20e3"
_FLAG = range(0x1F1E6, 0x1F200)  # regional indicators: two make a flag
_SKIN = range(0x1F3FB, 0x1F400)
_TAGS = range(0xE0020, 0xE0080)  # subdivision flags (🏴 + tags)


def single_emoji(text: str) -> bool:
    """Whether `text` is exactly one emoji (with its modifiers), nothing else."""
    if not text or len(text) > MOST_CODE_POINTS or text[0] == _JOINER or text[-1] == _JOINER:
        return False
    bases = flags = 0
    joined = False
    for char in text:
        point = ord(char)
        if char == _JOINER:
            joined = True
            continue
        if char in (_VARIATION, _KEYCAP) or point in _SKIN or point in _TAGS:
            continue
        if point in _FLAG:
            flags += 1
        elif unicodedata.category(char) == "So":
            if bases and not joined:
                return False  # two emoji side by side
            bases += 1
        else:
            return False  # a letter, a digit, a space, markup …
        joined = False
    return (bases >= 1 and flags == 0) or (bases == 0 and flags == 2)


def reaction_set(value: object) -> tuple[tuple[str, ...], list[str]]:
    """The set a front matter value names, and each entry it had to leave out.

    True or nothing: the default four; False: none; a list: its single emoji, in
    order, each once, at most MOST_REACTIONS (none usable: the default four)."""
    if value is None or value is True:
        return DEFAULT_REACTIONS, []
    if value is False:
        return (), []
    entries = value if isinstance(value, list) else [value]
    kept: list[str] = []
    left_out: list[str] = []
    for entry in entries:
        text = unicodedata.normalize("NFC", str(entry).strip()) if entry is not None else ""
        if not single_emoji(text) or len(kept) >= MOST_REACTIONS:
            left_out.append(str(entry))
        elif text not in kept:
            kept.append(text)
    return (tuple(kept) or DEFAULT_REACTIONS), left_out
