"""Bodies of a server's consoles: the console log, a console URL (legacy actions and 2.6)."""

from __future__ import annotations

import re

#: Nova strips control characters (but tab and newline) from console output.
_CONTROL = re.compile('[\x00-\x08\x0b-\x1f]')


def output(text: str) -> dict:
    """``{"output": ...}``: os-getConsoleOutput."""
    return {'output': _CONTROL.sub('', text)}


def console(console_type: str, url: str) -> dict:
    """``{"console": {"type", "url"}}``: the console actions up to 2.5."""
    return {'console': {'type': console_type, 'url': url}}


def remote_console(protocol: str, console_type: str, url: str) -> dict:
    """``{"remote_console": {"protocol", "type", "url"}}``: POST /servers/{id}/remote-consoles."""
    return {'remote_console': {'protocol': protocol, 'type': console_type, 'url': url}}
