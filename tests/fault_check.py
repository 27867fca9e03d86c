"""Nova's fault body on a webob response of the in-process pipeline: one key, its code, its message."""

from __future__ import annotations


def assert_fault(response, code: int, name: str, message: str | None = None) -> None:
    """``{name: {"code": code, "message": message}}`` with status ``code`` (any message if None)."""
    assert response.status_int == code, response.text
    body = response.json_body
    assert list(body) == [name] and body[name]['code'] == code, body
    if message is not None:
        assert body[name]['message'] == message
