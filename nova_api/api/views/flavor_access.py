"""Body of a flavor's access list: one entry per project it is shared with."""

from __future__ import annotations

from collections.abc import Iterable


def access_list(flavorid: str, projects: Iterable[str]) -> dict:
    return {'flavor_access': [{'flavor_id': flavorid, 'tenant_id': project}
                              for project in projects]}
