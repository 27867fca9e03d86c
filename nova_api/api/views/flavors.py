"""Bodies of flavors: the summary of the list, the full flavor, and their links per microversion."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from nova_api.api import links
from nova_api.api import microversion
from nova_api.api import pagination

COLLECTION = 'flavors'


def _summary(req, flavor: Any, make_links: Callable[[str], list[dict]]) -> dict:
    body = {
        'id': flavor.flavorid,
        'name': flavor.name,
        'links': make_links(flavor.flavorid),
    }
    if microversion.allows_flavor_description(req):
        body['description'] = flavor.description
    return body


def _full(req, flavor: Any, include_extra_specs: bool,
          make_links: Callable[[str], list[dict]] | None = None) -> dict:
    if make_links is None:
        make_links = links.links_maker(req, COLLECTION)
    body = {
        'id': flavor.flavorid,
        'name': flavor.name,
        'ram': flavor.memory_mb,
        'disk': flavor.root_gb,
        # Before 2.75 a flavor without swap said "", as Nova did.
        'swap': flavor.swap if microversion.shows_flavor_swap_as_integer(req)
        else (flavor.swap or ''),
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
        'vcpus': flavor.vcpus,
        'os-flavor-access:is_public': flavor.is_public,
        'links': make_links(flavor.flavorid),
    }
    if not microversion.drops_flavor_rxtx_and_disabled(req):
        body['OS-FLV-DISABLED:disabled'] = flavor.disabled
        body['rxtx_factor'] = flavor.rxtx_factor or ''
    if microversion.allows_flavor_description(req):
        body['description'] = flavor.description
    if include_extra_specs:
        body['extra_specs'] = dict(flavor.extra_specs)
    return body


def show(req, flavor: Any, include_extra_specs: bool = False) -> dict:
    """One flavor in full; ``extra_specs`` from 2.61 when the caller may read them."""
    return {'flavor': _full(req, flavor, include_extra_specs)}


def _page(req, items: list[dict], flavors: Sequence[Any], page_size: int | None,
          collection: str) -> dict:
    body: dict = {'flavors': items}
    next_links = pagination.next_links(req, collection, flavors, page_size,
                                       lambda flavor: flavor.flavorid)
    if next_links:
        body['flavors_links'] = next_links
    return body


def index(req, flavors: Sequence[Any], page_size: int | None) -> dict:
    """``GET /flavors``: ids, names and links (and descriptions from 2.55)."""
    make_links = links.links_maker(req, COLLECTION)
    return _page(req, [_summary(req, f, make_links) for f in flavors], flavors, page_size,
                 COLLECTION)


def detail(req, flavors: Sequence[Any], page_size: int | None,
           include_extra_specs: bool = False) -> dict:
    """``GET /flavors/detail``: every flavor in full."""
    make_links = links.links_maker(req, COLLECTION)
    return _page(req, [_full(req, f, include_extra_specs, make_links) for f in flavors], flavors,
                 page_size, COLLECTION + '/detail')
