"""Bodies and links of a server's tags."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable

from nova_api.api import links


def tags(names: Iterable[str]) -> dict:
    return {'tags': list(names)}


def location(req, server_id: str, tag: str) -> str:
    """Where a new tag lives (Nova's ``ViewBuilder.get_location``): versioned, project as asked."""
    return links.join(req.application_url, links.project_segment(req), 'servers', server_id,
                      'tags', urllib.parse.quote(tag, safe=''))
