"""The compute layer: the business rules behind the API controllers.

Controllers call one object per resource (``compute.flavors``,
``compute.keypairs``, ...). Each opens short transactions on the shared
:class:`~nova_api.db.database.Database`, applies Nova's rules (quotas,
ownership, validation that needs the database) and returns plain values for
the views. Nothing here knows about HTTP beyond the exceptions' codes.
"""

from __future__ import annotations

from oslo_config import cfg

from nova_api import networking
from nova_api.compute import aggregates
from nova_api.compute import attach_interfaces
from nova_api.compute import availability_zones
from nova_api.compute import consoles
from nova_api.compute import flavor_access
from nova_api.compute import flavor_extra_specs
from nova_api.compute import flavors
from nova_api.compute import floating_ips
from nova_api.compute import hosts
from nova_api.compute import hypervisors
from nova_api.compute import image_data
from nova_api.compute import image_members
from nova_api.compute import image_writes
from nova_api.compute import images
from nova_api.compute import instance_actions
from nova_api.compute import instance_usage_audit_log
from nova_api.compute import keypairs
from nova_api.compute import limits
from nova_api.compute import migrations
from nova_api.compute import network_proxies
from nova_api.compute import quota_class_sets
from nova_api.compute import quota_sets
from nova_api.compute import quotas
from nova_api.compute import security_group_proxies
from nova_api.compute import server_diagnostics
from nova_api.compute import server_external_events
from nova_api.compute import server_groups
from nova_api.compute import server_images
from nova_api.compute import server_metadata
from nova_api.compute import server_password
from nova_api.compute import server_tags
from nova_api.compute import server_topology
from nova_api.compute import services
from nova_api.compute import simple_tenant_usage
from nova_api.compute import volume_attachments
from nova_api.compute.servers import actions as server_actions
from nova_api.compute.servers import api as servers_api
from nova_api.compute.servers import moves as server_moves
from nova_api.db import database


class Compute:
    """Everything behind the controllers, for one configuration (one per worker process)."""

    def __init__(self, conf: cfg.ConfigOpts, db: database.Database | None = None):
        self.conf = conf
        self.database = db if db is not None else database.Database(conf)
        self.quota_engine = quotas.QuotaEngine(conf)
        # The Network API (/network) and the ports compute asks it for: first, the servers use it.
        self.network = networking.Networking(self)
        # One object per resource, each built from this bundle (compute/base.py).
        self.flavors = flavors.FlavorAPI(self)
        self.flavor_extra_specs = flavor_extra_specs.FlavorExtraSpecsAPI(self)
        self.flavor_access = flavor_access.FlavorAccessAPI(self)
        self.keypairs = keypairs.KeypairAPI(self)
        self.images = images.ImageAPI(self)
        # The Image API's writes: images, their data and their members.
        self.image_writes = image_writes.ImageWritesAPI(self)
        self.image_data = image_data.ImageDataAPI(self)
        self.image_members = image_members.ImageMembersAPI(self)
        self.quota_sets = quota_sets.QuotaSetsAPI(self)
        self.limits = limits.LimitsAPI(self)
        self.availability_zones = availability_zones.AvailabilityZonesAPI(self)
        self.servers = servers_api.ServerAPI(self)
        self.server_actions = server_actions.ServerActionsAPI(self)
        self.server_images = server_images.ServerImagesAPI(self)
        self.consoles = consoles.ConsolesAPI(self)
        self.server_moves = server_moves.MoveAPI(self)
        self.migrations = migrations.MigrationAPI(self)
        self.server_groups = server_groups.ServerGroupAPI(self)
        # Host administration.
        self.services = services.ServicesAPI(self)
        self.hypervisors = hypervisors.HypervisorsAPI(self)
        self.aggregates = aggregates.AggregatesAPI(self)
        self.quota_class_sets = quota_class_sets.QuotaClassSetsAPI(self)
        self.simple_tenant_usage = simple_tenant_usage.SimpleTenantUsageAPI(self)
        self.hosts = hosts.HostsAPI(self)
        self.instance_usage_audit_log = instance_usage_audit_log.InstanceUsageAuditLogAPI(self)
        # A server's interfaces and volumes, and the events other services send.
        self.attach_interfaces = attach_interfaces.InterfaceAPI(self)
        self.volume_attachments = volume_attachments.VolumeAttachmentAPI(self)
        self.server_external_events = server_external_events.ExternalEventAPI(self)
        self.server_metadata = server_metadata.ServerMetadataAPI(self)
        self.server_tags = server_tags.ServerTagsAPI(self)
        self.instance_actions = instance_actions.InstanceActionsAPI(self)
        self.server_password = server_password.ServerPasswordAPI(self)
        # What a server's guest reports (diagnostics) and its NUMA topology.
        self.server_diagnostics = server_diagnostics.ServerDiagnosticsAPI(self)
        self.server_topology = server_topology.ServerTopologyAPI(self)
        # Nova's proxies of the network service (os-networks, os-tenant-networks,
        # os-floating-ips, os-security-groups).
        self.network_proxies = network_proxies.NetworkProxyAPI(self)
        self.floating_ips = floating_ips.FloatingIPProxyAPI(self)
        self.security_group_proxies = security_group_proxies.SecurityGroupProxyAPI(self)
