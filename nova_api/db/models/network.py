"""The Network API's tables, after Neutron's: networks, subnets, ports and their addresses,
security groups, routers, floating IPs, tags and quotas.

Every resource row has Neutron's standard attributes (``description``,
``created_at``, ``updated_at``, ``revision_number``). A router's interfaces
and gateway are ports whose ``device_id`` is the router (``device_owner``
says which); a floating IP has a port of its own on the external network.
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from nova_api.db.models.base import Base
from nova_api.db.models.base import utcnow


def _id() -> orm.Mapped[str]:
    return orm.mapped_column(sa.String(36), primary_key=True)


def _ref(table: str, **kwargs) -> orm.Mapped[str]:
    """A column naming a row of ``table`` (by id), going with it."""
    return orm.mapped_column(sa.String(36), sa.ForeignKey(table + '.id', ondelete='CASCADE'),
                             **kwargs)


class StandardAttributes:
    """Neutron's standard attributes, and the owning project."""

    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    description: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    revision_number: orm.Mapped[int] = orm.mapped_column(sa.BigInteger, default=0)
    created_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)
    updated_at: orm.Mapped[datetime.datetime] = orm.mapped_column(sa.DateTime, default=utcnow)


class Network(StandardAttributes, Base):
    __tablename__ = 'networks'

    id: orm.Mapped[str] = _id()
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    status: orm.Mapped[str] = orm.mapped_column(sa.String(16), default='ACTIVE')
    admin_state_up: orm.Mapped[bool] = orm.mapped_column(default=True)
    shared: orm.Mapped[bool] = orm.mapped_column(default=False)
    external: orm.Mapped[bool] = orm.mapped_column(default=False)
    mtu: orm.Mapped[int] = orm.mapped_column(default=1450)
    port_security_enabled: orm.Mapped[bool] = orm.mapped_column(default=True)


class Subnet(StandardAttributes, Base):
    __tablename__ = 'subnets'

    id: orm.Mapped[str] = _id()
    network_id: orm.Mapped[str] = _ref('networks', index=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    ip_version: orm.Mapped[int] = orm.mapped_column()
    cidr: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    gateway_ip: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    enable_dhcp: orm.Mapped[bool] = orm.mapped_column(default=True)
    ipv6_ra_mode: orm.Mapped[str | None] = orm.mapped_column(sa.String(16))
    ipv6_address_mode: orm.Mapped[str | None] = orm.mapped_column(sa.String(16))


class SubnetAllocationPool(Base):
    __tablename__ = 'ipallocationpools'

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=True)
    subnet_id: orm.Mapped[str] = _ref('subnets', index=True)
    first_ip: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    last_ip: orm.Mapped[str] = orm.mapped_column(sa.String(64))


class SubnetDNSNameServer(Base):
    __tablename__ = 'dnsnameservers'

    subnet_id: orm.Mapped[str] = _ref('subnets', primary_key=True)
    address: orm.Mapped[str] = orm.mapped_column(sa.String(128), primary_key=True)
    order: orm.Mapped[int] = orm.mapped_column(default=0)


class SubnetRoute(Base):
    __tablename__ = 'subnetroutes'

    subnet_id: orm.Mapped[str] = _ref('subnets', primary_key=True)
    destination: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)
    nexthop: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)


class Port(StandardAttributes, Base):
    __tablename__ = 'ports'
    __table_args__ = (
        sa.UniqueConstraint('network_id', 'mac_address', name='uniq_ports0network_id0mac_address'),
        sa.Index('ports_device_id_idx', 'device_id'),
    )

    id: orm.Mapped[str] = _id()
    network_id: orm.Mapped[str] = _ref('networks', index=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    mac_address: orm.Mapped[str] = orm.mapped_column(sa.String(32))
    admin_state_up: orm.Mapped[bool] = orm.mapped_column(default=True)
    status: orm.Mapped[str] = orm.mapped_column(sa.String(16), default='DOWN')
    device_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    device_owner: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    port_security_enabled: orm.Mapped[bool] = orm.mapped_column(default=True)
    binding_host_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    binding_vnic_type: orm.Mapped[str] = orm.mapped_column(sa.String(64), default='normal')
    binding_profile: orm.Mapped[str] = orm.mapped_column(sa.Text, default='{}')


class IPAllocation(Base):
    """A port's fixed IP: an address of a subnet belongs to one port at a time."""

    __tablename__ = 'ipallocations'

    port_id: orm.Mapped[str] = _ref('ports', index=True)
    ip_address: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)
    subnet_id: orm.Mapped[str] = _ref('subnets', primary_key=True)
    network_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)


class AllowedAddressPair(Base):
    __tablename__ = 'allowedaddresspairs'

    port_id: orm.Mapped[str] = _ref('ports', primary_key=True)
    mac_address: orm.Mapped[str] = orm.mapped_column(sa.String(32), primary_key=True)
    ip_address: orm.Mapped[str] = orm.mapped_column(sa.String(64), primary_key=True)


class SecurityGroup(StandardAttributes, Base):
    __tablename__ = 'securitygroups'

    id: orm.Mapped[str] = _id()
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    stateful: orm.Mapped[bool] = orm.mapped_column(default=True)


class DefaultSecurityGroup(Base):
    """A project's ``default`` group: one per project, made on first use."""

    __tablename__ = 'default_security_group'

    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    security_group_id: orm.Mapped[str] = _ref('securitygroups', unique=True)


class SecurityGroupRule(StandardAttributes, Base):
    __tablename__ = 'securitygrouprules'

    id: orm.Mapped[str] = _id()
    security_group_id: orm.Mapped[str] = _ref('securitygroups', index=True)
    remote_group_id: orm.Mapped[str | None] = _ref('securitygroups', nullable=True)
    direction: orm.Mapped[str] = orm.mapped_column(sa.String(8))
    ethertype: orm.Mapped[str] = orm.mapped_column(sa.String(40))
    protocol: orm.Mapped[str | None] = orm.mapped_column(sa.String(40))
    port_range_min: orm.Mapped[int | None] = orm.mapped_column()
    port_range_max: orm.Mapped[int | None] = orm.mapped_column()
    remote_ip_prefix: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class SecurityGroupPortBinding(Base):
    __tablename__ = 'securitygroupportbindings'

    port_id: orm.Mapped[str] = _ref('ports', primary_key=True)
    security_group_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('securitygroups.id'), primary_key=True)


class Router(StandardAttributes, Base):
    __tablename__ = 'routers'

    id: orm.Mapped[str] = _id()
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), default='')
    status: orm.Mapped[str] = orm.mapped_column(sa.String(16), default='ACTIVE')
    admin_state_up: orm.Mapped[bool] = orm.mapped_column(default=True)
    gw_port_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    enable_snat: orm.Mapped[bool] = orm.mapped_column(default=True)


class FloatingIP(StandardAttributes, Base):
    __tablename__ = 'floatingips'
    __table_args__ = (
        sa.UniqueConstraint('floating_network_id', 'fixed_port_id', 'fixed_ip_address',
                            name='uniq_floatingips0floatingnetworkid0fixedportid0fixedipaddress'),
    )

    id: orm.Mapped[str] = _id()
    floating_ip_address: orm.Mapped[str] = orm.mapped_column(sa.String(64))
    floating_network_id: orm.Mapped[str] = _ref('networks', index=True)
    floating_port_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    fixed_port_id: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('ports.id', ondelete='SET NULL'), index=True)
    fixed_ip_address: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    router_id: orm.Mapped[str | None] = orm.mapped_column(
        sa.String(36), sa.ForeignKey('routers.id', ondelete='SET NULL'))
    status: orm.Mapped[str] = orm.mapped_column(sa.String(16), default='DOWN')


class NetworkTag(Base):
    """A tag of any Network API resource (``resource_type`` is its collection's name)."""

    __tablename__ = 'network_tags'
    __table_args__ = (sa.Index('network_tags_tag_idx', 'resource_type', 'tag'),)

    resource_type: orm.Mapped[str] = orm.mapped_column(sa.String(32), primary_key=True)
    resource_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)
    tag: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


class NetworkQuota(Base):
    """A project's limit of one Network API resource, where it is not the default."""

    __tablename__ = 'network_quotas'

    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    resource: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    limit: orm.Mapped[int] = orm.mapped_column()
