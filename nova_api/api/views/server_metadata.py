"""Bodies of a server's metadata: the whole of it, or one item."""

from __future__ import annotations

from collections.abc import Mapping


def metadata(items: Mapping[str, str]) -> dict:
    return {'metadata': dict(items)}


def meta(key: str, value: str) -> dict:
    return {'meta': {key: value}}
