"""Alembic's environment: migrations always run on a connection nova_api hands over."""

from alembic import context

from nova_api.db import models

connection = context.config.attributes.get('connection')
if connection is None:
    raise RuntimeError('nova_api migrations run through nova-api-manage db sync '
                       '(nova_api.db.migration), not the alembic command')

context.configure(connection=connection, target_metadata=models.Base.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
