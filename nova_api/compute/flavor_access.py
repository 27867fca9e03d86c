"""Flavor access: the projects a private flavor is shared with."""

from __future__ import annotations

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import flavors
from nova_api.objects import flavors as flavor_objects


class FlavorAccessAPI(base.ResourceAPI):
    """List, grant and revoke the projects of a private flavor."""

    def list(self, ctx: nova_context.RequestContext, flavorid: str) -> tuple[str, ...]:
        """The projects of a private flavor; a public one has no list (404)."""
        flavor = self.database.read(flavors.get_visible, ctx, flavorid)
        if flavor.is_public:
            raise exception.PublicFlavorAccessList()
        return flavor.projects

    def add(self, ctx: nova_context.RequestContext, flavorid: str, project_id: str,
            reject_public: bool) -> tuple[str, ...]:
        """Share the flavor with ``project_id``; ``reject_public`` refuses public flavors (2.7)."""
        def work(session):
            flavor = flavors.get_visible(session, ctx, flavorid)
            if reject_public and flavor.is_public:
                raise exception.PublicFlavorAccess()
            if not flavor_objects.add_project(session, flavor.id, project_id):
                raise exception.FlavorAccessExists(flavor_id=flavorid, project_id=project_id)
            return flavor_objects.projects(session, flavor.id)
        return self.database.write(work)

    def remove(self, ctx: nova_context.RequestContext, flavorid: str,
               project_id: str) -> tuple[str, ...]:
        def work(session):
            flavor = flavors.get_visible(session, ctx, flavorid)
            if not flavor_objects.remove_project(session, flavor.id, project_id):
                raise exception.FlavorAccessNotFound(flavor_id=flavorid, project_id=project_id)
            return flavor_objects.projects(session, flavor.id)
        return self.database.write(work)
