"""A server's metadata (``/servers/{id}/metadata``): Nova's rules for changing it.

Nova's ``update_instance_metadata`` and ``delete_instance_metadata``: not
while the server is locked (except for admins), only in ACTIVE, PAUSED,
SUSPENDED or STOPPED with no task under way, and the result within the
caller's ``metadata_items`` quota. Every change bumps the server's
``updated_at``.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import server_writes
from nova_api.compute.servers import states
from nova_api.objects import server_metadata as metadata_objects

#: Nova's ``check_instance_state`` of both metadata methods (task_state None).
VM_STATES = (states.ACTIVE, states.PAUSED, states.SUSPENDED, states.STOPPED)
TASK_STATES = (None,)


class ServerMetadataAPI(base.ResourceAPI):
    """Merge, replace and delete a live server's metadata items."""

    def update(self, ctx: nova_context.RequestContext, server_uuid: str,
               metadata: Mapping[str, str], replace: bool = False) -> dict[str, str]:
        """Merge ``metadata`` into the server's (or, with ``replace``, make it the server's).

        Returns the whole metadata as stored. ``InstanceIsLocked`` and
        ``InstanceInvalidState`` (409), ``MetadataLimitExceeded`` (403).
        """
        def work(session: orm.Session) -> dict[str, str]:
            server_writes.claim(session, ctx, server_uuid, 'update metadata', VM_STATES,
                                TASK_STATES)
            old = metadata_objects.get(session, server_uuid)
            new = dict(metadata) if replace else {**old, **metadata}
            self._check_quota(session, ctx, new)
            metadata_objects.replace(session, server_uuid, old, new)
            return new
        return self.database.write(work)

    def delete(self, ctx: nova_context.RequestContext, server_uuid: str, key: str) -> None:
        """Delete one item: ``ServerMetadataNotFound`` (404) first, then Nova's 409s."""
        def work(session: orm.Session) -> None:
            old = metadata_objects.get(session, server_uuid)
            if key not in old:
                raise exception.ServerMetadataNotFound()
            server_writes.claim(session, ctx, server_uuid, 'delete metadata', VM_STATES,
                                TASK_STATES)
            metadata_objects.replace(session, server_uuid, old,
                                     {name: value for name, value in old.items() if name != key})
        self.database.write(work)

    def _check_quota(self, session: orm.Session, ctx: nova_context.RequestContext,
                     metadata: Mapping[str, str]) -> None:
        """Nova's ``_check_metadata_properties_quota``: the caller's limit on the item count."""
        if not metadata:
            return
        limit = self.quota_engine.limits(session, ctx.project_id, ctx.user_id)['metadata_items']
        if 0 <= limit < len(metadata):
            raise exception.MetadataLimitExceeded(allowed=limit)
