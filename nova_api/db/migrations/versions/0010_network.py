"""The Network API's tables: networks, subnets (pools, nameservers, routes), ports (addresses,
address pairs, security groups), security groups and rules, routers, floating IPs, tags, quotas.

The seeded ``private`` and ``public`` networks are not written here: the
Network API seeds them on first use, from the configuration of that time.

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0011'
branch_labels = None
depends_on = None


def _standard() -> list:
    return [sa.Column('project_id', sa.String(255), nullable=False, index=True),
            sa.Column('description', sa.String(255), nullable=False),
            sa.Column('revision_number', sa.BigInteger, nullable=False),
            sa.Column('created_at', sa.DateTime, nullable=False),
            sa.Column('updated_at', sa.DateTime, nullable=False)]


def _ref(name: str, table: str, **kwargs) -> sa.Column:
    return sa.Column(name, sa.String(36), sa.ForeignKey(table + '.id', ondelete='CASCADE'),
                     **kwargs)


def upgrade() -> None:
    op.create_table(
        'networks', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('admin_state_up', sa.Boolean, nullable=False),
        sa.Column('shared', sa.Boolean, nullable=False),
        sa.Column('external', sa.Boolean, nullable=False),
        sa.Column('mtu', sa.Integer, nullable=False),
        sa.Column('port_security_enabled', sa.Boolean, nullable=False))
    op.create_table(
        'subnets', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        _ref('network_id', 'networks', nullable=False, index=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('ip_version', sa.Integer, nullable=False),
        sa.Column('cidr', sa.String(64), nullable=False),
        sa.Column('gateway_ip', sa.String(64), nullable=True),
        sa.Column('enable_dhcp', sa.Boolean, nullable=False),
        sa.Column('ipv6_ra_mode', sa.String(16), nullable=True),
        sa.Column('ipv6_address_mode', sa.String(16), nullable=True))
    op.create_table(
        'ipallocationpools', sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        _ref('subnet_id', 'subnets', nullable=False, index=True),
        sa.Column('first_ip', sa.String(64), nullable=False),
        sa.Column('last_ip', sa.String(64), nullable=False))
    op.create_table(
        'dnsnameservers', _ref('subnet_id', 'subnets', primary_key=True),
        sa.Column('address', sa.String(128), primary_key=True),
        sa.Column('order', sa.Integer, nullable=False))
    op.create_table(
        'subnetroutes', _ref('subnet_id', 'subnets', primary_key=True),
        sa.Column('destination', sa.String(64), primary_key=True),
        sa.Column('nexthop', sa.String(64), primary_key=True))
    op.create_table(
        'ports', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        _ref('network_id', 'networks', nullable=False, index=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('mac_address', sa.String(32), nullable=False),
        sa.Column('admin_state_up', sa.Boolean, nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('device_id', sa.String(255), nullable=False),
        sa.Column('device_owner', sa.String(255), nullable=False),
        sa.Column('port_security_enabled', sa.Boolean, nullable=False),
        sa.Column('binding_host_id', sa.String(255), nullable=False),
        sa.Column('binding_vnic_type', sa.String(64), nullable=False),
        sa.Column('binding_profile', sa.Text, nullable=False),
        sa.UniqueConstraint('network_id', 'mac_address', name='uniq_ports0network_id0mac_address'),
        sa.Index('ports_device_id_idx', 'device_id'))
    op.create_table(
        'ipallocations', _ref('port_id', 'ports', nullable=False, index=True),
        sa.Column('ip_address', sa.String(64), primary_key=True),
        _ref('subnet_id', 'subnets', primary_key=True),
        sa.Column('network_id', sa.String(36), nullable=False, index=True))
    op.create_table(
        'allowedaddresspairs', _ref('port_id', 'ports', primary_key=True),
        sa.Column('mac_address', sa.String(32), primary_key=True),
        sa.Column('ip_address', sa.String(64), primary_key=True))
    op.create_table(
        'securitygroups', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('stateful', sa.Boolean, nullable=False))
    op.create_table(
        'default_security_group', sa.Column('project_id', sa.String(255), primary_key=True),
        _ref('security_group_id', 'securitygroups', nullable=False, unique=True))
    op.create_table(
        'securitygrouprules', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        _ref('security_group_id', 'securitygroups', nullable=False, index=True),
        _ref('remote_group_id', 'securitygroups', nullable=True),
        sa.Column('direction', sa.String(8), nullable=False),
        sa.Column('ethertype', sa.String(40), nullable=False),
        sa.Column('protocol', sa.String(40), nullable=True),
        sa.Column('port_range_min', sa.Integer, nullable=True),
        sa.Column('port_range_max', sa.Integer, nullable=True),
        sa.Column('remote_ip_prefix', sa.String(255), nullable=True))
    op.create_table(
        'securitygroupportbindings', _ref('port_id', 'ports', primary_key=True),
        sa.Column('security_group_id', sa.String(36), sa.ForeignKey('securitygroups.id'),
                  primary_key=True))
    op.create_table(
        'routers', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('admin_state_up', sa.Boolean, nullable=False),
        sa.Column('gw_port_id', sa.String(36), nullable=True),
        sa.Column('enable_snat', sa.Boolean, nullable=False))
    op.create_table(
        'floatingips', sa.Column('id', sa.String(36), primary_key=True), *_standard(),
        sa.Column('floating_ip_address', sa.String(64), nullable=False),
        _ref('floating_network_id', 'networks', nullable=False, index=True),
        sa.Column('floating_port_id', sa.String(36), nullable=False),
        sa.Column('fixed_port_id', sa.String(36), sa.ForeignKey('ports.id', ondelete='SET NULL'),
                  nullable=True, index=True),
        sa.Column('fixed_ip_address', sa.String(64), nullable=True),
        sa.Column('router_id', sa.String(36), sa.ForeignKey('routers.id', ondelete='SET NULL'),
                  nullable=True),
        sa.Column('status', sa.String(16), nullable=False),
        sa.UniqueConstraint('floating_network_id', 'fixed_port_id', 'fixed_ip_address',
                            name='uniq_floatingips0floatingnetworkid0fixedportid0fixedipaddress'))
    op.create_table(
        'network_tags', sa.Column('resource_type', sa.String(32), primary_key=True),
        sa.Column('resource_id', sa.String(36), primary_key=True),
        sa.Column('tag', sa.String(255), primary_key=True),
        sa.Index('network_tags_tag_idx', 'resource_type', 'tag'))
    op.create_table(
        'network_quotas', sa.Column('project_id', sa.String(255), primary_key=True),
        sa.Column('resource', sa.String(255), primary_key=True),
        sa.Column('limit', sa.Integer, nullable=False))


def downgrade() -> None:
    for table in ('network_quotas', 'network_tags', 'floatingips', 'routers',
                  'securitygroupportbindings', 'securitygrouprules', 'default_security_group',
                  'securitygroups', 'allowedaddresspairs', 'ipallocations', 'ports',
                  'subnetroutes', 'dnsnameservers', 'ipallocationpools', 'subnets', 'networks'):
        op.drop_table(table)
