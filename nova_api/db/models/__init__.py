"""The tables, as SQLAlchemy models, one module per area. Alembic migrations (``migrations/``) create them.

Names follow Nova's databases, so that someone who knows Nova's schema
finds their way: ``flavors.flavorid`` is the public id, ``flavors.id`` the
internal key. A change here needs a migration; a test compares the two.
Every model is importable from here (``models.Instance``).
"""

from nova_api.db.models.base import Base
from nova_api.db.models.base import TimestampMixin
from nova_api.db.models.base import utcnow
from nova_api.db.models.generations import Generation
from nova_api.db.models.hosts import Aggregate
from nova_api.db.models.hosts import AggregateHost
from nova_api.db.models.hosts import AggregateMetadata
from nova_api.db.models.hosts import Service
from nova_api.db.models.identity import ApplicationCredential
from nova_api.db.models.identity import ApplicationCredentialRole
from nova_api.db.models.identity import Domain
from nova_api.db.models.identity import ImpliedRole
from nova_api.db.models.identity import Project
from nova_api.db.models.identity import ProjectTag
from nova_api.db.models.identity import RevocationEvent
from nova_api.db.models.identity import Role
from nova_api.db.models.identity import RoleAssignment
from nova_api.db.models.identity import User
from nova_api.db.models.images import Image
from nova_api.db.models.images import ImageMember
from nova_api.db.models.images import ImageProperty
from nova_api.db.models.images import ImageTag
from nova_api.db.models.network import AllowedAddressPair
from nova_api.db.models.network import DefaultSecurityGroup
from nova_api.db.models.network import FloatingIP
from nova_api.db.models.network import IPAllocation
from nova_api.db.models.network import Network
from nova_api.db.models.network import NetworkQuota
from nova_api.db.models.network import NetworkTag
from nova_api.db.models.network import Port
from nova_api.db.models.network import Router
from nova_api.db.models.network import SecurityGroup
from nova_api.db.models.network import SecurityGroupPortBinding
from nova_api.db.models.network import SecurityGroupRule
from nova_api.db.models.network import Subnet
from nova_api.db.models.network import SubnetAllocationPool
from nova_api.db.models.network import SubnetDNSNameServer
from nova_api.db.models.network import SubnetRoute
from nova_api.db.models.resources import Flavor
from nova_api.db.models.resources import FlavorExtraSpec
from nova_api.db.models.resources import FlavorProject
from nova_api.db.models.resources import KeyPair
from nova_api.db.models.resources import ProjectUserQuota
from nova_api.db.models.resources import Quota
from nova_api.db.models.resources import QuotaClass
from nova_api.db.models.server_work import ConsoleAuthToken
from nova_api.db.models.server_work import InstanceGroup
from nova_api.db.models.server_work import InstanceGroupMember
from nova_api.db.models.server_work import Migration
from nova_api.db.models.server_work import SnapshotRequest
from nova_api.db.models.servers import BlockDeviceMapping
from nova_api.db.models.servers import FixedIP
from nova_api.db.models.servers import Instance
from nova_api.db.models.servers import InstanceAction
from nova_api.db.models.servers import InstanceActionEvent
from nova_api.db.models.servers import InstanceFault
from nova_api.db.models.servers import InstanceMetadata
from nova_api.db.models.servers import InstanceSystemMetadata
from nova_api.db.models.servers import Tag
from nova_api.db.models.servers import Task

__all__ = [
    'Base',
    'TimestampMixin',
    'Generation',
    'utcnow',
    'Flavor',
    'FlavorExtraSpec',
    'FlavorProject',
    'KeyPair',
    'Quota',
    'ProjectUserQuota',
    'QuotaClass',
    'Instance',
    'InstanceMetadata',
    'Tag',
    'InstanceFault',
    'BlockDeviceMapping',
    'FixedIP',
    'Task',
    'InstanceAction',
    'InstanceActionEvent',
    'InstanceSystemMetadata',
    'Image',
    'ImageProperty',
    'ImageMember',
    'ImageTag',
    'SnapshotRequest',
    'ConsoleAuthToken',
    'Migration',
    'InstanceGroup',
    'InstanceGroupMember',
    'Service',
    'Aggregate',
    'AggregateHost',
    'AggregateMetadata',
    'Domain',
    'Project',
    'ProjectTag',
    'User',
    'Role',
    'ImpliedRole',
    'RoleAssignment',
    'ApplicationCredential',
    'ApplicationCredentialRole',
    'RevocationEvent',
    'AllowedAddressPair',
    'DefaultSecurityGroup',
    'FloatingIP',
    'IPAllocation',
    'Network',
    'NetworkQuota',
    'NetworkTag',
    'Port',
    'Router',
    'SecurityGroup',
    'SecurityGroupPortBinding',
    'SecurityGroupRule',
    'Subnet',
    'SubnetAllocationPool',
    'SubnetDNSNameServer',
    'SubnetRoute',
]
