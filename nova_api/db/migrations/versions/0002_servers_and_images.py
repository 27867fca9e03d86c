"""Servers and what they are made of (metadata, tags, faults, block devices, addresses),
the task queue behind them, instance actions, and the image catalogue (seeded).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import datetime
import hashlib

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

#: The images a fresh catalogue holds, as devstack uploads them (ids fixed, so
#: that documentation and scripts can name them): (id, name, disk_format,
#: size, min_disk, min_ram, properties). No image data is stored; the
#: checksums are those of the name, so that every field Glance has is filled.
DEFAULT_IMAGES = (
    ('7ae8d0b6-5f64-4a2e-9a13-0c3f45e21c01', 'cirros-0.6.3-x86_64-disk', 'qcow2', 21430272, 0, 0,
     {'hw_architecture': 'x86_64', 'os_distro': 'cirros', 'os_type': 'linux',
      'hw_rng_model': 'virtio'}),
    ('5d1a9c3e-2b47-4f8e-8c61-9a0b7e4d2f02', 'ubuntu-24.04-server-cloudimg-amd64', 'qcow2',
     597688320, 4, 512,
     {'hw_architecture': 'x86_64', 'os_distro': 'ubuntu', 'os_version': '24.04',
      'os_type': 'linux', 'hw_disk_bus': 'virtio'}),
    ('c3f6e2a1-8d94-4b5c-a7e0-1f2d3c4b5a03', 'debian-12-genericcloud-amd64', 'qcow2', 343801856,
     2, 256,
     {'hw_architecture': 'x86_64', 'os_distro': 'debian', 'os_version': '12',
      'os_type': 'linux'}),
)


def upgrade() -> None:
    op.create_table('images',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('name', sa.String(255), nullable=True),
        sa.Column('status', sa.String(30), nullable=False),
        sa.Column('visibility', sa.String(20), nullable=False),
        sa.Column('disk_format', sa.String(20), nullable=True),
        sa.Column('container_format', sa.String(20), nullable=True),
        sa.Column('size', sa.BigInteger, nullable=True),
        sa.Column('virtual_size', sa.BigInteger, nullable=True),
        sa.Column('min_disk', sa.Integer, nullable=False),
        sa.Column('min_ram', sa.Integer, nullable=False),
        sa.Column('checksum', sa.String(32), nullable=True),
        sa.Column('os_hash_algo', sa.String(64), nullable=True),
        sa.Column('os_hash_value', sa.String(128), nullable=True),
        sa.Column('owner', sa.String(255), nullable=True),
        sa.Column('protected', sa.Boolean, nullable=False),
        sa.Column('os_hidden', sa.Boolean, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.Column('deleted_at', sa.DateTime, nullable=True),
        sa.Column('deleted', sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('images_name_idx', 'images', ['name'], unique=False)
    op.create_table('instance_actions',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('action', sa.String(255), nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('request_id', sa.String(255), nullable=True),
        sa.Column('user_id', sa.String(255), nullable=True),
        sa.Column('project_id', sa.String(255), nullable=True),
        sa.Column('start_time', sa.DateTime, nullable=True),
        sa.Column('finish_time', sa.DateTime, nullable=True),
        sa.Column('message', sa.String(255), nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('instance_actions_instance_uuid_request_id_idx',
                    'instance_actions', ['instance_uuid', 'request_id'], unique=False)
    op.create_table('instances',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('user_id', sa.String(255), nullable=False),
        sa.Column('display_name', sa.String(255), nullable=True),
        sa.Column('display_description', sa.Text, nullable=True),
        sa.Column('hostname', sa.String(255), nullable=True),
        sa.Column('reservation_id', sa.String(255), nullable=True),
        sa.Column('launch_index', sa.Integer, nullable=True),
        sa.Column('image_ref', sa.String(255), nullable=True),
        sa.Column('image_properties', sa.Text, nullable=True),
        sa.Column('flavor_id', sa.String(255), nullable=False),
        sa.Column('flavor', sa.Text, nullable=False),
        sa.Column('vcpus', sa.Integer, nullable=False),
        sa.Column('memory_mb', sa.Integer, nullable=False),
        sa.Column('root_gb', sa.Integer, nullable=False),
        sa.Column('ephemeral_gb', sa.Integer, nullable=False),
        sa.Column('vm_state', sa.String(255), nullable=False),
        sa.Column('task_state', sa.String(255), nullable=True),
        sa.Column('power_state', sa.Integer, nullable=False),
        sa.Column('host', sa.String(255), nullable=True),
        sa.Column('node', sa.String(255), nullable=True),
        sa.Column('availability_zone', sa.String(255), nullable=True),
        sa.Column('pinned_availability_zone', sa.String(255), nullable=True),
        sa.Column('scheduler_hints', sa.Text, nullable=True),
        sa.Column('requested_networks', sa.Text, nullable=True),
        sa.Column('requested_host', sa.String(255), nullable=True),
        sa.Column('requested_node', sa.String(255), nullable=True),
        sa.Column('key_name', sa.String(255), nullable=True),
        sa.Column('key_data', sa.Text, nullable=True),
        sa.Column('user_data', sa.Text, nullable=True),
        sa.Column('config_drive', sa.String(255), nullable=False),
        sa.Column('access_ip_v4', sa.String(39), nullable=True),
        sa.Column('access_ip_v6', sa.String(39), nullable=True),
        sa.Column('auto_disk_config', sa.Boolean, nullable=False),
        sa.Column('progress', sa.Integer, nullable=False),
        sa.Column('locked_by', sa.String(255), nullable=True),
        sa.Column('locked_reason', sa.Text, nullable=True),
        sa.Column('security_groups', sa.Text, nullable=False),
        sa.Column('trusted_certs', sa.Text, nullable=True),
        sa.Column('root_device_name', sa.String(255), nullable=True),
        sa.Column('kernel_id', sa.String(255), nullable=False),
        sa.Column('ramdisk_id', sa.String(255), nullable=False),
        sa.Column('launched_at', sa.DateTime, nullable=True),
        sa.Column('terminated_at', sa.DateTime, nullable=True),
        sa.Column('deleted_at', sa.DateTime, nullable=True),
        sa.Column('deleted', sa.Boolean, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid')
    )
    op.create_index('instances_created_at_idx', 'instances', ['created_at'], unique=False)
    op.create_index('instances_host_idx', 'instances', ['host'], unique=False)
    op.create_index('instances_project_id_deleted_created_at_idx', 'instances',
                    ['project_id', 'deleted', 'created_at', 'id'], unique=False)
    op.create_index('instances_reservation_id_idx', 'instances', ['reservation_id'], unique=False)
    op.create_index('instances_updated_at_idx', 'instances', ['updated_at'], unique=False)
    op.create_table('tasks',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('operation', sa.String(64), nullable=False),
        sa.Column('step', sa.Integer, nullable=False),
        sa.Column('due_at', sa.DateTime, nullable=False),
        sa.Column('lease_owner', sa.String(64), nullable=True),
        sa.Column('lease_expires_at', sa.DateTime, nullable=True),
        sa.Column('attempts', sa.Integer, nullable=False),
        sa.Column('action_id', sa.Integer, nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_tasks_instance_uuid'), 'tasks', ['instance_uuid'], unique=False)
    op.create_index('tasks_due_at_idx', 'tasks', ['due_at'], unique=False)
    op.create_table('block_device_mapping',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('source_type', sa.String(255), nullable=True),
        sa.Column('destination_type', sa.String(255), nullable=True),
        sa.Column('device_type', sa.String(255), nullable=True),
        sa.Column('disk_bus', sa.String(255), nullable=True),
        sa.Column('device_name', sa.String(255), nullable=True),
        sa.Column('boot_index', sa.Integer, nullable=True),
        sa.Column('guest_format', sa.String(255), nullable=True),
        sa.Column('image_id', sa.String(36), nullable=True),
        sa.Column('snapshot_id', sa.String(36), nullable=True),
        sa.Column('volume_id', sa.String(36), nullable=True),
        sa.Column('volume_size', sa.Integer, nullable=True),
        sa.Column('volume_type', sa.String(255), nullable=True),
        sa.Column('delete_on_termination', sa.Boolean, nullable=False),
        sa.Column('no_device', sa.Boolean, nullable=False),
        sa.Column('tag', sa.String(255), nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid')
    )
    op.create_index(op.f('ix_block_device_mapping_instance_uuid'),
                    'block_device_mapping', ['instance_uuid'], unique=False)
    op.create_table('fixed_ips',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('network_id', sa.String(36), nullable=False),
        sa.Column('network_name', sa.String(255), nullable=False),
        sa.Column('address', sa.String(39), nullable=False),
        sa.Column('host_index', sa.Integer, nullable=False),
        sa.Column('version', sa.Integer, nullable=False),
        sa.Column('mac_address', sa.String(17), nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('network_id', 'address', name='uniq_fixed_ips0network_id0address')
    )
    op.create_index('fixed_ips_network_id_host_index_idx',
                    'fixed_ips', ['network_id', 'host_index'], unique=False)
    op.create_index(op.f('ix_fixed_ips_instance_uuid'), 'fixed_ips', ['instance_uuid'], unique=False)
    op.create_table('image_properties',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('image_id', sa.String(36), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('value', sa.Text, nullable=True),
        sa.ForeignKeyConstraint(['image_id'], ['images.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('image_id', 'name', name='uniq_image_properties0image_id0name')
    )
    op.create_index(op.f('ix_image_properties_image_id'), 'image_properties', ['image_id'], unique=False)
    op.create_table('image_tags',
        sa.Column('image_id', sa.String(36), nullable=False),
        sa.Column('value', sa.String(255), nullable=False),
        sa.ForeignKeyConstraint(['image_id'], ['images.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('image_id', 'value')
    )
    op.create_table('instance_actions_events',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('action_id', sa.Integer, nullable=False),
        sa.Column('event', sa.String(255), nullable=False),
        sa.Column('start_time', sa.DateTime, nullable=True),
        sa.Column('finish_time', sa.DateTime, nullable=True),
        sa.Column('result', sa.String(255), nullable=True),
        sa.Column('traceback', sa.Text, nullable=True),
        sa.Column('host', sa.String(255), nullable=True),
        sa.Column('details', sa.Text, nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.ForeignKeyConstraint(['action_id'], ['instance_actions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_instance_actions_events_action_id'),
                    'instance_actions_events', ['action_id'], unique=False)
    op.create_table('instance_faults',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('code', sa.Integer, nullable=False),
        sa.Column('message', sa.String(255), nullable=False),
        sa.Column('details', sa.Text, nullable=True),
        sa.Column('host', sa.String(255), nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_instance_faults_instance_uuid'),
                    'instance_faults', ['instance_uuid'], unique=False)
    op.create_table('instance_metadata',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('instance_uuid', sa.String(36), nullable=False),
        sa.Column('key', sa.String(255), nullable=False),
        sa.Column('value', sa.String(255), nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('instance_uuid', 'key', name='uniq_instance_metadata0instance_uuid0key')
    )
    op.create_index(op.f('ix_instance_metadata_instance_uuid'),
                    'instance_metadata', ['instance_uuid'], unique=False)
    op.create_table('tags',
        sa.Column('resource_id', sa.String(36), nullable=False),
        sa.Column('tag', sa.String(80), nullable=False),
        sa.ForeignKeyConstraint(['resource_id'], ['instances.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('resource_id', 'tag')
    )
    op.create_index('tags_tag_idx', 'tags', ['tag'], unique=False)

    images = sa.table('images', *(sa.column(name) for name in (
        'id', 'name', 'status', 'visibility', 'disk_format', 'container_format', 'size',
        'virtual_size', 'min_disk', 'min_ram', 'checksum', 'os_hash_algo', 'os_hash_value',
        'owner', 'protected', 'os_hidden', 'created_at', 'deleted')))
    properties = sa.table('image_properties', sa.column('image_id'), sa.column('name'),
                          sa.column('value'))
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    op.bulk_insert(images, [
        {'id': image_id, 'name': name, 'status': 'active', 'visibility': 'public',
         'disk_format': disk_format, 'container_format': 'bare', 'size': size,
         'virtual_size': None, 'min_disk': min_disk, 'min_ram': min_ram,
         'checksum': hashlib.md5(name.encode(), usedforsecurity=False).hexdigest(),
         'os_hash_algo': 'sha512', 'os_hash_value': hashlib.sha512(name.encode()).hexdigest(),
         'owner': None, 'protected': False, 'os_hidden': False, 'created_at': now,
         'deleted': False}
        for image_id, name, disk_format, size, min_disk, min_ram, _ in DEFAULT_IMAGES
    ])
    op.bulk_insert(properties, [
        {'image_id': image[0], 'name': key, 'value': value}
        for image in DEFAULT_IMAGES for key, value in image[-1].items()
    ])
