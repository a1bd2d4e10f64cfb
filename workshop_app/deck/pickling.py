"""A deck pickled whole, for another process of ours (the handout's renderer, an HTTP
worker of an evening's server): the deck model keeps read-only mappings
(`MappingProxyType`), which pickle cannot by itself."""

from __future__ import annotations

import copyreg
import io
import pickle
from types import MappingProxyType
from typing import Any


def _mapping_proxy(items: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(items)


def dumps(value: object) -> bytes:
    """`value` pickled, read-only mappings included (read back with `pickle.loads`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {  # this pickler only: no global registration
        **copyreg.dispatch_table,
        MappingProxyType: lambda proxy: (_mapping_proxy, (dict(proxy),)),
    }
    pickler.dump(value)
    return buffer.getvalue()
