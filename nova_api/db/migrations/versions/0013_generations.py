"""Generations: a counter per cached group of tables, bumped by a trigger in every writing transaction.

Workers cache the flavors (with extra specs and access) and the quota
classes. Triggers, not the application, bump the counter: every write
path (the API, nova-api-manage, a test's or an operator's SQL) counts, in
the same transaction as the write, so a reader that sees the new rows
also sees the new number.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

#: generation name -> the tables whose writes bump it
GROUPS = {
    'flavors': ('flavors', 'flavor_extra_specs', 'flavor_projects'),
    'quota_classes': ('quota_classes',),
}
_OPERATIONS = ('INSERT', 'UPDATE', 'DELETE')
_PG_FUNCTION = 'nova_api_bump_generation'


def _sqlite_triggers() -> None:
    for name, tables in GROUPS.items():
        for table in tables:
            for operation in _OPERATIONS:
                op.execute(
                    'CREATE TRIGGER bump_%s_%s AFTER %s ON %s BEGIN '
                    "UPDATE generations SET value = value + 1 WHERE name = '%s'; END"
                    % (table, operation.lower(), operation, table, name))


def _postgresql_triggers() -> None:
    op.execute(
        'CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN '
        'UPDATE generations SET value = value + 1 WHERE name = TG_ARGV[0]; '
        'RETURN NULL; END $$' % _PG_FUNCTION)
    for name, tables in GROUPS.items():
        for table in tables:
            # Once a statement: a DELETE of many rows is one change.
            op.execute(
                "CREATE TRIGGER bump_%s AFTER INSERT OR UPDATE OR DELETE ON %s "
                "FOR EACH STATEMENT EXECUTE FUNCTION %s('%s')" % (table, table, _PG_FUNCTION, name))


def upgrade() -> None:
    generations = op.create_table(
        'generations',
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('value', sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.bulk_insert(generations, [{'name': name, 'value': 1} for name in GROUPS])
    if op.get_bind().dialect.name == 'postgresql':
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for tables in GROUPS.values():
            for table in tables:
                op.execute('DROP TRIGGER bump_%s ON %s' % (table, table))
        op.execute('DROP FUNCTION %s()' % _PG_FUNCTION)
    else:
        for tables in GROUPS.values():
            for table in tables:
                for operation in _OPERATIONS:
                    op.execute('DROP TRIGGER bump_%s_%s' % (table, operation.lower()))
    op.drop_table('generations')
