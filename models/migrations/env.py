"""Alembic environment: uses the engine handed over in ``config.attributes``."""

from alembic import context
from sqlalchemy import create_engine

from models import report_schema as _report_schema  # noqa: F401  (registers the report tables)
from models.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
