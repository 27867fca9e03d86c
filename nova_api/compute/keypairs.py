"""Keypairs: Nova's rules for creating, importing, listing and deleting a user's keypairs.

Keypairs belong to users, not projects: every call names the owner
(``user_id``) and a keypair is found by (owner, name), so someone else's
keypair is simply not found. Creating one counts against the owner's
``key_pairs`` quota inside the transaction that inserts it.
"""

from __future__ import annotations

from oslo_context import context as oslo_context
from sqlalchemy import exc as sa_exc
from sqlalchemy import orm

from nova_api import exception
from nova_api.compute import base
from nova_api.compute import crypto
from nova_api.db import database as db
from nova_api.objects import keypairs as objects
from nova_api.objects.keypairs import KeyPair

__all__ = ['KeyPair', 'KeypairAPI']


class KeypairAPI(base.ResourceAPI):
    """The keypair operations, each one short transaction."""

    def create(self, ctx: oslo_context.RequestContext, user_id: str, name: str,
               key_type: str = crypto.SSH,
               public_key: str | None = None) -> tuple[KeyPair, str | None]:
        """Import ``public_key``, or generate a key pair when it is None.

        Returns the stored keypair and, for a generated one, its private
        part (shown once, never stored). Raises ``InvalidKeypair`` (400),
        ``KeypairLimitExceeded`` (403) or ``KeyPairExists`` (409).
        """
        private_key = None
        fingerprint = None
        if public_key is None:
            # Slow (an RSA key): done before the transaction opens.
            private_key, public_key, fingerprint = crypto.generate(key_type, user_id)
        return self.database.write(self._insert, ctx.project_id, user_id, name, key_type,
                                   public_key, fingerprint), private_key

    def _insert(self, session: orm.Session, project_id: str, user_id: str, name: str,
                key_type: str, public_key: str, fingerprint: str | None) -> KeyPair:
        # Nova's order: quota, then the key's validity, then the name's uniqueness.
        self.quota_engine.check(session, project_id, user_id, {'key_pairs': 1})
        if fingerprint is None:
            fingerprint = crypto.fingerprint(public_key, key_type)
        # The quota check holds the owner's lock: no concurrent create can
        # slip in between this look and the insert.
        if objects.exists(session, user_id, name):
            raise exception.KeyPairExists(key_name=name)
        try:
            keypair = objects.create(session, user_id, name, key_type, public_key, fingerprint)
        except sa_exc.IntegrityError as error:
            if db.is_duplicate(error):
                raise exception.KeyPairExists(key_name=name) from None
            raise
        if self.quota_engine.recheck:
            self.quota_engine.check(session, project_id, user_id, {'key_pairs': 0})
        return keypair

    def get(self, ctx: oslo_context.RequestContext, user_id: str, name: str) -> KeyPair:
        """The user's keypair ``name``; ``KeypairNotFound`` (404) otherwise."""
        keypair = self.database.read(objects.get, user_id, name)
        if keypair is None:
            raise exception.KeypairNotFound(user_id=user_id, name=name)
        return keypair

    def list(self, ctx: oslo_context.RequestContext, user_id: str, limit: int | None = None,
             marker: str | None = None) -> list[KeyPair]:
        """The user's keypairs by name, ``limit`` of them after the one named ``marker``.

        An unknown marker is ``MarkerNotFound`` (400).
        """
        keypairs = self.database.read_prepared(objects.read_page, user_id, limit, marker)
        if keypairs is None:
            raise exception.MarkerNotFound(marker=marker)
        return keypairs

    def delete(self, ctx: oslo_context.RequestContext, user_id: str, name: str) -> None:
        """Delete the user's keypair ``name``; ``KeypairNotFound`` (404) if there is none."""
        if not self.database.write(objects.destroy, user_id, name):
            raise exception.KeypairNotFound(user_id=user_id, name=name)
