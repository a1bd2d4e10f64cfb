"""A participant's `choice` checked against its poll and turned into a Ballot."""

from __future__ import annotations

import re
import unicodedata

from workshop_app.deck import Poll, PollType
from workshop_app.deck.model import ONE_PICK
from workshop_app.deck.polls import DEFAULT_TEXT_LENGTH
from workshop_app.session.model import Ballot, StoreError
from workshop_app.session.text import cap_marks

__all__ = ["DEFAULT_TEXT_LENGTH", "ballot_for"]  # the limit is the deck's, decided there
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u206f]")


def ballot_for(poll: Poll, choice: object) -> Ballot:
    """The ballot for `choice`; raises StoreError("invalid_choice") with the reason."""
    kind = poll.type
    if kind in ONE_PICK:
        index = _index(poll, choice)
        return Ballot(items=((index, 1),), raw=index)
    if kind in (PollType.MULTIPLE, PollType.RANKING):
        if not isinstance(choice, list) or not choice:
            raise StoreError("invalid_choice", "choice must be a non-empty list of option indices")
        indices = [_index(poll, item) for item in choice]
        if len(set(indices)) != len(indices):
            raise StoreError("invalid_choice", "an option is chosen twice")
        if kind is PollType.MULTIPLE:
            most = poll.max_choices or len(poll.options)
            if len(indices) > most:
                raise StoreError("invalid_choice", f"at most {most} options")
            if poll.exclusive in indices and len(indices) > 1:
                raise StoreError("invalid_choice", f"option {poll.exclusive} excludes the others")
            return Ballot(items=tuple((i, 1) for i in sorted(indices)), raw=sorted(indices))
        count = len(poll.options)  # ranking: first place gets n points, then n-1, …
        return Ballot(items=tuple((i, count - rank) for rank, i in enumerate(indices)), raw=indices)
    if kind is PollType.SCALE:
        low, high = poll.scale[0], poll.scale[-1]
        if isinstance(choice, bool) or not isinstance(choice, int) or not low <= choice <= high:
            raise StoreError(
                "invalid_choice", f"choice must be a whole number from {low} to {high}"
            )
        return Ballot(value=choice, raw=choice)
    if not isinstance(choice, str):
        raise StoreError("invalid_choice", "choice must be text")
    text = cap_marks(_INVISIBLE.sub("", unicodedata.normalize("NFC", choice))).strip()
    most = poll.max_length or DEFAULT_TEXT_LENGTH
    if not text or len(text) > most:
        raise StoreError("invalid_choice", f"an answer of 1 to {most} characters")
    try:  # JSON may carry lone surrogates ("\ud800"), which no file can store
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("invalid_choice", "the answer holds something that is not text") from None
    return Ballot(text=text, raw=text)


def _index(poll: Poll, choice: object) -> int:
    if isinstance(choice, bool) or not isinstance(choice, int):
        raise StoreError("invalid_choice", "an option is chosen by its index (0, 1, …)")
    if not 0 <= choice < len(poll.options):
        raise StoreError("invalid_choice", f"option index from 0 to {len(poll.options) - 1}")
    return choice
