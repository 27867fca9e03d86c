"""The identity API's admin and self-service routes (domains, projects, users, roles, grants,
application credentials): owned by the identity-admin work, merged into
:data:`nova_api.identity.router.ROUTES`."""

from __future__ import annotations

from collections.abc import Mapping

from nova_api.api import router

ROUTES: router.RouteTable = ()

CONTROLLERS: Mapping[str, router.Factory] = {}
