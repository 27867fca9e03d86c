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
from nova_api.compute import flavor_access
from nova_api.compute import flavor_extra_specs
from nova_api.compute import flavors
from nova_api.compute import images
from nova_api.compute import instance_actions
from nova_api.compute import keypairs
from nova_api.compute import limits
from nova_api.compute import quota_sets
from nova_api.compute import quotas
from nova_api.compute import server_metadata
from nova_api.compute import server_password
from nova_api.compute import server_tags
from nova_api.compute.servers import actions as server_actions
from nova_api.compute.servers import api as servers_api
from nova_api.db import database


class Compute:
    """Everything behind the controllers, for one configuration (one per worker process)."""

    def __init__(self, conf: cfg.ConfigOpts, db: database.Database | None = None):
        self.conf = conf
        self.database = db if db is not None else database.Database(conf)
        self.quota_engine = quotas.QuotaEngine(conf)
        # One object per resource, each built from this bundle (compute/base.py).
        self.flavors = flavors.FlavorAPI(self)
        self.flavor_extra_specs = flavor_extra_specs.FlavorExtraSpecsAPI(self)
        self.flavor_access = flavor_access.FlavorAccessAPI(self)
        self.keypairs = keypairs.KeypairAPI(self)
        self.images = images.ImageAPI(self)
        self.quota_sets = quota_sets.QuotaSetsAPI(self)
        self.limits = limits.LimitsAPI(self)
        self.availability_zones = availability_zones.AvailabilityZonesAPI(self)
        self.servers = servers_api.ServerAPI(self)
        self.server_actions = server_actions.ServerActionsAPI(self)
        self.server_metadata = server_metadata.ServerMetadataAPI(self)
        self.server_tags = server_tags.ServerTagsAPI(self)
        self.instance_actions = instance_actions.InstanceActionsAPI(self)
        self.server_password = server_password.ServerPasswordAPI(self)
