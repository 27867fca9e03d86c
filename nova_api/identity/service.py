"""The identity layer: the business rules behind the identity API's controllers.

:class:`Identity` is built once per worker process, like
:class:`nova_api.compute.Compute` (and on the same
:class:`~nova_api.db.database.Database` when the pipeline has one), and
reached by controllers through ``router.Services.identity``. Each area keeps
its rules in its own module and hangs an object here.
"""

from __future__ import annotations

from oslo_config import cfg

from nova_api.db import database as db_database
from nova_api.identity import revocations


class Identity:
    """Everything behind the identity controllers, for one configuration (one per worker)."""

    def __init__(self, conf: cfg.ConfigOpts, db: db_database.Database | None = None):
        self.conf = conf
        self.database = db if db is not None else db_database.Database(conf)
        #: This worker's view of the revocation events (refreshed every second).
        self.revocations = revocations.RevocationCache(self.database)
