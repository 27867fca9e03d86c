"""[database] options: where the state lives and how connections behave."""

import copy

from oslo_config import cfg

GROUP = 'database'

database_group = cfg.OptGroup(GROUP, title='Database options', help="""
The SQL database that holds every piece of state: flavors, keypairs, quotas
and, as they come, servers. Several workers, and several nodes, share it.
""")

database_opts = [
    cfg.StrOpt(
        'connection',
        secret=True,
        help="""
The SQLAlchemy URL of the database.

Unset (the default), nova_api keeps an embedded SQLite database in
``$state_path/nova_api.sqlite`` and creates or upgrades it on start. Set, it
names a database that ``nova-api-manage db sync`` manages: nova-api refuses
to start while its schema is behind. For several nodes use PostgreSQL with
the pure-Python pg8000 driver, which cooperates with the workers' green
threads: ``postgresql+pg8000://nova:secret@db.example.com/nova``.
"""),
    cfg.FloatOpt(
        'sqlite_busy_timeout',
        default=10.0,
        min=0.0,
        help="""
How long, in seconds, a SQLite writer waits for another process's write
transaction to finish before it fails with "database is locked" (and is
retried, see ``max_retries``). Write transactions are short; a long wait
means something is wrong.
"""),
    cfg.IntOpt(
        'max_retries',
        default=5,
        min=0,
        help="""
How many times a transaction is run again after a transient failure: SQLite's
"database is locked", or a PostgreSQL serialization failure or deadlock.
"""),
    cfg.IntOpt(
        'max_pool_size',
        default=5,
        min=1,
        help="Connections each worker process keeps open to a database server."),
    cfg.IntOpt(
        'max_overflow',
        default=50,
        min=0,
        help="""
Connections a worker may open beyond ``max_pool_size`` when many green
threads query at once; they are closed when returned.
"""),
    cfg.IntOpt(
        'pool_timeout',
        default=30,
        min=1,
        help="Seconds a request waits for a free connection before it fails."),
    cfg.BoolOpt(
        'connection_debug',
        default=False,
        help="Log every SQL statement (at DEBUG level of the sqlalchemy.engine logger)."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_group(copy.deepcopy(database_group))
    conf.register_opts(database_opts, group=GROUP)


def list_opts():
    return [(database_group, database_opts)]
