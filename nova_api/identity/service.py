"""The identity layer: the business rules behind the identity API's controllers.

:class:`Identity` is built once per worker process, like
:class:`nova_api.compute.Compute` (and on the same
:class:`~nova_api.db.database.Database` when the pipeline has one), and
reached by controllers through ``router.Services.identity``. Each area keeps
its rules in its own module and hangs an object here.
"""

from __future__ import annotations

import datetime

from oslo_config import cfg

from nova_api.conf import paths
from nova_api.db import database as db_database
from nova_api.identity import auth_tokens
from nova_api.identity import authentication
from nova_api.identity import bootstrap
from nova_api.identity import keys
from nova_api.identity import revocations
from nova_api.identity import tokens

KEY_DIRECTORY = 'identity-keys'


def key_repository(conf: cfg.ConfigOpts) -> keys.KeyRepository:
    """``[identity] key_repository``, or ``identity-keys`` under ``state_path``."""
    path = conf.identity.key_repository or paths.state_path(conf, KEY_DIRECTORY)
    return keys.KeyRepository(path, conf.identity.max_active_keys)


class Identity:
    """Everything behind the identity controllers, for one configuration (one per worker)."""

    def __init__(self, conf: cfg.ConfigOpts, db: db_database.Database | None = None):
        self.conf = conf
        self.database = db if db is not None else db_database.Database(conf)
        #: This worker's view of the revocation events (refreshed every second).
        self.revocations = revocations.RevocationCache(self.database)
        self.keys = key_repository(conf)
        self.keyring = keys.KeyRing(self.keys)
        self.token_format = tokens.TokenFormat(self.keyring)
        #: In-process validation of a token (the authtoken filter's and the API's).
        self.validator = tokens.TokenValidator(self.token_format, self.revocations)
        self.authenticator = authentication.Authenticator(conf, self.database, self.token_format,
                                                          self.validator)
        self.tokens = auth_tokens.TokensAPI(self)

    @property
    def allow_expired_window(self) -> datetime.timedelta:
        return datetime.timedelta(seconds=self.conf.identity.allow_expired_window)

    def prune_after(self) -> datetime.timedelta:
        """How old a revocation event without an expiry must be before no token can match it."""
        return datetime.timedelta(seconds=self.conf.identity.token_expiration) + \
            self.allow_expired_window


def prepare(conf: cfg.ConfigOpts, db: db_database.Database) -> None:
    """At the service's start, before the workers fork: the token keys, and the bootstrap set
    on first start (no default domain yet). Both are safe to run in several processes at once."""
    key_repository(conf).setup()
    bootstrap.run(db, conf, first_start_only=True)
