"""A server's tags (``/servers/{id}/tags``, 2.26): Nova's rules for changing them.

Nova's ``server_tags`` controller: changes only in ACTIVE, PAUSED,
SUSPENDED or STOPPED (whatever the task, and locked or not), at most
:data:`MAX_TAGS` per server. Every change bumps the server's ``updated_at``.
(A tag named in the URL is checked by the controller, between Nova's 409
and its count: see :meth:`ServerTagsAPI.check_state`.)
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import orm

from nova_api import context as nova_context
from nova_api import exception
from nova_api.compute import base
from nova_api.compute import server_writes
from nova_api.compute.servers import states
from nova_api.objects import server_changes as changes
from nova_api.objects import server_tags as tag_objects

#: Nova's ``_check_instance_in_valid_state`` and ``instance.MAX_TAG_COUNT``.
VM_STATES = (states.ACTIVE, states.PAUSED, states.SUSPENDED, states.STOPPED)
MAX_TAGS = 50


class ServerTagsAPI(base.ResourceAPI):
    """Read and change the tags of a live server (the caller has already seen it)."""

    def list(self, ctx: nova_context.RequestContext, server_uuid: str) -> list[str]:
        return self.database.read(tag_objects.get, server_uuid)

    def has(self, ctx: nova_context.RequestContext, server_uuid: str, tag: str) -> None:
        """Nothing when the server has ``tag``; ``ServerTagNotFound`` (404) otherwise."""
        if tag not in self.list(ctx, server_uuid):
            raise exception.ServerTagNotFound(server_id=server_uuid, tag=tag)

    def check_state(self, ctx: nova_context.RequestContext, server_uuid: str,
                    action: str) -> None:
        """Nova's 409 for a server whose tags may not change now (``action``: its wording)."""
        def work(session: orm.Session) -> None:
            state = changes.state_of(session, server_uuid)
            if state is None or state['deleted']:
                raise exception.InstanceNotFound(instance_id=server_uuid)
            if state['vm_state'] not in VM_STATES:
                raise exception.InstanceInvalidState(
                    action=action, instance_uuid=server_uuid, attr='vm_state',
                    state=state['vm_state'])
        self.database.read(work)

    def add(self, ctx: nova_context.RequestContext, server_uuid: str, tag: str) -> bool:
        """Add one (valid) tag; whether it is new. ``TooManyServerTags`` (400) on a full server."""
        def work(session: orm.Session) -> bool:
            server_writes.claim(session, ctx, server_uuid, 'update tag', VM_STATES,
                                check_lock=False)
            present = tag_objects.get(session, server_uuid)
            # Nova counts before it looks: a full server refuses even a tag it has.
            if len(present) >= MAX_TAGS:
                raise exception.TooManyServerTags(limit=MAX_TAGS)
            if tag in present:
                return False
            tag_objects.add(session, server_uuid, tag)
            return True
        return self.database.write(work)

    def replace(self, ctx: nova_context.RequestContext, server_uuid: str,
                tags: Iterable[str]) -> list[str]:
        """Make the server's tags exactly ``tags``; returns them (the schema has checked them)."""
        def work(session: orm.Session) -> list[str]:
            server_writes.claim(session, ctx, server_uuid, 'update tags', VM_STATES,
                                check_lock=False)
            return tag_objects.replace(session, server_uuid, tags)
        return self.database.write(work)

    def delete(self, ctx: nova_context.RequestContext, server_uuid: str, tag: str) -> None:
        """Remove one tag: 409 for a wrong state, ``InstanceTagNotFound`` (404) when absent."""
        def work(session: orm.Session) -> None:
            server_writes.claim(session, ctx, server_uuid, 'delete tag', VM_STATES,
                                check_lock=False)
            if not tag_objects.remove(session, server_uuid, [tag]):
                raise exception.InstanceTagNotFound(instance_id=server_uuid, tag=tag)
        self.database.write(work)

    def delete_all(self, ctx: nova_context.RequestContext, server_uuid: str) -> None:
        def work(session: orm.Session) -> None:
            server_writes.claim(session, ctx, server_uuid, 'delete tags', VM_STATES,
                                check_lock=False)
            tag_objects.remove(session, server_uuid)
        self.database.write(work)
