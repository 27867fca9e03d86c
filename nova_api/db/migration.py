"""Schema versions: upgrade a database, or tell whether it is current.

The migrations are Alembic scripts in ``migrations/versions``. ``nova-api-manage
db sync`` upgrades a configured database; nova-api upgrades only the embedded
default by itself and refuses to start on any other database that is behind.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from nova_api.db import database as db_database

SCRIPT_LOCATION = 'nova_api.db:migrations'


class SchemaNotCurrent(Exception):
    """The database's schema is not the one this code needs."""


def _config(connection: sa.Connection | None = None) -> Config:
    # Alembic announces each of its plugins at INFO; keep the log for what ran.
    logging.getLogger('alembic.runtime.plugins').setLevel(logging.WARNING)
    config = Config()
    config.set_main_option('script_location', SCRIPT_LOCATION)
    config.attributes['connection'] = connection
    return config


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: db_database.Database) -> str | None:
    """The database's revision; None for an empty database."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: db_database.Database, revision: str = 'head') -> None:
    """Upgrade the schema to ``revision``, in one transaction.

    On SQLite the transaction begins IMMEDIATE: two processes upgrading the
    same new file at once take turns, and the second finds nothing to do.
    """
    with database.writer.begin() as connection:
        command.upgrade(_config(connection), revision)


def check_current(database: db_database.Database, manage_command: str) -> None:
    """Raise :class:`SchemaNotCurrent`, saying what to run, unless the schema is at head."""
    current = current_revision(database)
    head = head_revision()
    if current == head:
        return
    where = database.url.render_as_string(hide_password=True)
    if current is None:
        raise SchemaNotCurrent('the database %s has no schema yet; run "%s db sync"'
                               % (where, manage_command))
    scripts = ScriptDirectory.from_config(_config())
    if scripts.get_revision(current) is None:
        raise SchemaNotCurrent('the database %s is at revision %s, which this version of '
                               'nova_api does not know (newer code wrote it?)' % (where, current))
    raise SchemaNotCurrent('the database %s is at revision %s, behind %s; run "%s db sync"'
                           % (where, current, head, manage_command))


def prepare(database: db_database.Database, manage_command: str) -> None:
    """What the service does at start: upgrade the embedded database, check any other."""
    try:
        if database.embedded:
            upgrade(database)
        else:
            check_current(database, manage_command)
    finally:
        database.dispose()
