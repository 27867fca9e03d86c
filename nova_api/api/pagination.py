"""Pages of a collection: how big (``limit``, capped by ``[api] max_limit``), and where the next begins.

Nova's reading (its ``common.get_limit_and_marker``): one value per query
parameter, the last one given; no ``limit`` means a page of ``max_limit``.
A full page may have more behind it, so it carries a ``next`` link: the same
query, sorted, continuing after the page's last item.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from nova_api.api import links


def limit_and_marker(params: Mapping[str, str], max_limit: int) -> tuple[int, str | None]:
    """``(limit, marker)`` of a query read as a plain dict; the schemas have checked ``limit``."""
    limit = min(int(params['limit']), max_limit) if 'limit' in params else max_limit
    return limit, params.get('marker')


def next_links(req, collection: str, items: Sequence[Any], limit: int | None,
               marker_of: Any) -> list[dict] | None:
    """``[{"rel": "next", ...}]`` after a full page of ``items``; None after the last page.

    ``marker_of(item)`` is what the next request passes as ``marker``.
    """
    if not limit or len(items) != limit:
        return None
    params = dict(req.GET.items())
    params['marker'] = marker_of(items[-1])
    base = links.join(req.application_url, links.project_segment(req), collection)
    # Sorted, marker included, as in Nova's samples (os-simple-tenant-usage's
    # links read end, limit, marker, start).
    return [{'rel': 'next', 'href': '%s?%s' % (base, urllib.parse.urlencode(sorted(params.items())))}]


def offset_and_limit(params: Mapping[str, str], max_limit: int) -> tuple[int, int]:
    """Nova's ``common.limited``: ``(offset, limit)``; no ``limit``, or 0, means ``max_limit``."""
    offset = int(params.get('offset') or 0)
    limit = int(params.get('limit') or 0)
    return offset, min(max_limit, limit or max_limit)
