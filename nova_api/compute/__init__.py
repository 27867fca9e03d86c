"""The compute layer: the business rules behind the API controllers.

Controllers call one object per resource (``compute.flavors``,
``compute.keypairs``, ...). Each opens short transactions on the shared
:class:`~nova_api.db.database.Database`, applies Nova's rules (quotas,
ownership, validation that needs the database) and returns plain values for
the views. Nothing here knows about HTTP beyond the exceptions' codes.
"""

from __future__ import annotations

from oslo_config import cfg

from nova_api.compute import attach_interfaces
from nova_api.compute import availability_zones
from nova_api.compute import flavor_access
from nova_api.compute import flavor_extra_specs
from nova_api.compute import flavors
from nova_api.compute import images
from nova_api.compute import keypairs
from nova_api.compute import limits
from nova_api.compute import quota_sets
from nova_api.compute import quotas
from nova_api.compute import server_external_events
from nova_api.compute import volume_attachments
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
        # A server's interfaces and volumes, and the events other services send.
        self.attach_interfaces = attach_interfaces.InterfaceAPI(self)
        self.volume_attachments = volume_attachments.VolumeAttachmentAPI(self)
        self.server_external_events = server_external_events.ExternalEventAPI(self)
