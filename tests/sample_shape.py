"""Compare a response body with a Nova API sample by structure, not values."""

from __future__ import annotations

from typing import Any


def assert_same_shape(ours: Any, nova: Any, where: str = '$') -> None:
    """Same keys recursively, same JSON types, lists of the same length."""
    assert type(ours) is type(nova), '%s: %r vs %r' % (where, ours, nova)
    if isinstance(nova, dict):
        assert sorted(ours) == sorted(nova), where
        for key in nova:
            assert_same_shape(ours[key], nova[key], '%s.%s' % (where, key))
    elif isinstance(nova, list):
        assert len(ours) == len(nova), where
        for index, (mine, theirs) in enumerate(zip(ours, nova, strict=True)):
            assert_same_shape(mine, theirs, '%s[%d]' % (where, index))
