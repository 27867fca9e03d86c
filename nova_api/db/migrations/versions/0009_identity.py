"""Identity: domains, projects (and tags), users, roles, implied roles, role assignments,
application credentials (and their roles), revocation events.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

ID = 64


def _id(name: str, **kwargs) -> sa.Column:
    return sa.Column(name, sa.String(ID), **kwargs)


def upgrade() -> None:
    op.create_table(
        'identity_domains',
        _id('id', primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('description', sa.Text, nullable=True),
        sa.Column('enabled', sa.Boolean, nullable=False),
        sa.Column('extra', sa.JSON, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.UniqueConstraint('name', name='uniq_identity_domains0name'),
    )
    op.create_table(
        'identity_projects',
        _id('id', primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
        _id('domain_id', nullable=False),
        sa.Column('description', sa.Text, nullable=True),
        sa.Column('enabled', sa.Boolean, nullable=False),
        _id('parent_id', nullable=True),
        sa.Column('is_domain', sa.Boolean, nullable=False),
        sa.Column('extra', sa.JSON, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(['domain_id'], ['identity_domains.id']),
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_projects0domain_id0name'),
    )
    op.create_index('identity_projects_parent_id_idx', 'identity_projects', ['parent_id'])
    op.create_table(
        'identity_project_tags',
        _id('project_id', primary_key=True),
        sa.Column('name', sa.String(255), primary_key=True),
        sa.ForeignKeyConstraint(['project_id'], ['identity_projects.id'], ondelete='CASCADE'),
    )
    op.create_table(
        'identity_users',
        _id('id', primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        _id('domain_id', nullable=False),
        sa.Column('enabled', sa.Boolean, nullable=False),
        sa.Column('password_hash', sa.String(255), nullable=True),
        sa.Column('password_created_at', sa.DateTime, nullable=True),
        sa.Column('password_expires_at', sa.DateTime, nullable=True),
        _id('default_project_id', nullable=True),
        sa.Column('extra', sa.JSON, nullable=False),
        sa.Column('failed_auth_count', sa.Integer, nullable=False),
        sa.Column('failed_auth_at', sa.DateTime, nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('last_active_at', sa.DateTime, nullable=True),
        sa.ForeignKeyConstraint(['domain_id'], ['identity_domains.id']),
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_users0domain_id0name'),
    )
    op.create_table(
        'identity_roles',
        _id('id', primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        _id('domain_id', nullable=True),
        sa.Column('description', sa.Text, nullable=True),
        sa.Column('extra', sa.JSON, nullable=False),
        sa.ForeignKeyConstraint(['domain_id'], ['identity_domains.id']),
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_roles0domain_id0name'),
    )
    op.create_index('uniq_identity_roles0global_name', 'identity_roles', ['name'], unique=True,
                    sqlite_where=sa.text('domain_id IS NULL'),
                    postgresql_where=sa.text('domain_id IS NULL'))
    op.create_table(
        'identity_implied_roles',
        _id('prior_role_id', primary_key=True),
        _id('implied_role_id', primary_key=True),
        sa.ForeignKeyConstraint(['prior_role_id'], ['identity_roles.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['implied_role_id'], ['identity_roles.id'], ondelete='CASCADE'),
    )
    op.create_table(
        'identity_role_assignments',
        sa.Column('type', sa.String(16), primary_key=True),
        _id('actor_id', primary_key=True),
        _id('target_id', primary_key=True),
        _id('role_id', primary_key=True),
        sa.Column('inherited', sa.Boolean, primary_key=True),
        sa.ForeignKeyConstraint(['actor_id'], ['identity_users.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['identity_roles.id'], ondelete='CASCADE'),
    )
    op.create_index('identity_role_assignments_target_id_idx', 'identity_role_assignments',
                    ['target_id'])
    op.create_index('identity_role_assignments_role_id_idx', 'identity_role_assignments',
                    ['role_id'])
    op.create_table(
        'identity_application_credentials',
        _id('id', primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        _id('user_id', nullable=False),
        _id('project_id', nullable=False),
        sa.Column('secret_hash', sa.String(255), nullable=False),
        sa.Column('description', sa.Text, nullable=True),
        sa.Column('expires_at', sa.DateTime, nullable=True),
        sa.Column('unrestricted', sa.Boolean, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['identity_users.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['project_id'], ['identity_projects.id'], ondelete='CASCADE'),
        sa.UniqueConstraint('user_id', 'name', name='uniq_identity_app_creds0user_id0name'),
    )
    op.create_index(op.f('ix_identity_application_credentials_project_id'),
                    'identity_application_credentials', ['project_id'])
    op.create_table(
        'identity_application_credential_roles',
        _id('application_credential_id', primary_key=True),
        _id('role_id', primary_key=True),
        sa.ForeignKeyConstraint(['application_credential_id'],
                                ['identity_application_credentials.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['identity_roles.id'], ondelete='CASCADE'),
    )
    op.create_table(
        'identity_revocation_events',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('audit_id', sa.String(32), nullable=True),
        sa.Column('audit_chain_id', sa.String(32), nullable=True),
        _id('user_id', nullable=True),
        _id('project_id', nullable=True),
        _id('domain_id', nullable=True),
        sa.Column('issued_before', sa.DateTime, nullable=False),
        sa.Column('expires_at', sa.DateTime, nullable=True),
        sa.Column('revoked_at', sa.DateTime, nullable=False),
    )
    op.create_index('identity_revocation_events_revoked_at_idx', 'identity_revocation_events',
                    ['revoked_at'])


def downgrade() -> None:
    for table in ('identity_revocation_events', 'identity_application_credential_roles',
                  'identity_application_credentials', 'identity_role_assignments',
                  'identity_implied_roles', 'identity_roles', 'identity_users',
                  'identity_project_tags', 'identity_projects', 'identity_domains'):
        op.drop_table(table)
