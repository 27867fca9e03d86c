"""Bodies of flavor extra specs."""

from __future__ import annotations

from collections.abc import Mapping


def index(specs: Mapping[str, str]) -> dict:
    return {'extra_specs': dict(specs)}


def show(key: str, value: str) -> dict:
    return {key: value}
