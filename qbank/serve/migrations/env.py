"""Alembic's environment for the course database: run on the connection qbank hands over (database.migrate)."""
from alembic import context

from qbank.serve.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
