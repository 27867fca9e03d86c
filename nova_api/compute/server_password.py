"""A server's encrypted password (``os-server-password``), kept in its system metadata.

In Nova the guest posts its password, encrypted with the server's public
key, to the metadata service, which keeps it in four system metadata
chunks; the API shows it and clears it (the guest's password itself is
not changed). :meth:`ServerPasswordAPI.store` is the metadata service's
side of that, for whatever plays the guest.
"""

from __future__ import annotations

from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.objects import server_password as password_objects

MAX_SIZE = password_objects.MAX_SIZE


class ServerPasswordAPI(base.ResourceAPI):
    """Show, clear and store a server's encrypted password (the caller has seen the server)."""

    def get(self, server_uuid: str) -> str:
        """The encrypted password, base64; '' when none was posted or it was cleared."""
        return self.database.read(password_objects.get, server_uuid)

    def clear(self, server_uuid: str) -> None:
        self.database.write(password_objects.store, server_uuid, '')

    def store(self, server_uuid: str, password: str) -> None:
        """Keep a posted password: Nova's metadata service refuses a second one (409) and one
        longer than :data:`MAX_SIZE` (400)."""
        if len(password) > MAX_SIZE:
            raise exception.Invalid('Request is too large.')

        def work(session: orm.Session) -> None:
            if password_objects.get(session, server_uuid):
                raise exception.Conflict()
            password_objects.store(session, server_uuid, password)
        self.database.write(work)
