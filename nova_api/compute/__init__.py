"""The compute layer: the business rules behind the API controllers.

Controllers call one object per resource (``compute.flavors``,
``compute.keypairs``, ...). Each opens short transactions on the shared
:class:`~nova_api.db.database.Database`, applies Nova's rules (quotas,
ownership, validation that needs the database) and returns plain values for
the views. Nothing here knows about HTTP beyond the exceptions' codes.
"""

from __future__ import annotations

from oslo_config import cfg

from nova_api.compute import availability_zones
from nova_api.compute import limits
from nova_api.compute import quota_sets
from nova_api.compute import quotas
from nova_api.db import database


class Compute:
    """Everything behind the controllers, for one configuration (one per worker process)."""

    def __init__(self, conf: cfg.ConfigOpts, db: database.Database | None = None):
        self.conf = conf
        self.database = db if db is not None else database.Database(conf)
        self.quota_engine = quotas.QuotaEngine(conf)
        self.quota_sets = quota_sets.QuotaSetsAPI(self)
        self.limits = limits.LimitsAPI(self)
        self.availability_zones = availability_zones.AvailabilityZonesAPI(self)
