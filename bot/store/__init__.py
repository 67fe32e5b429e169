"""The case store: SQLAlchemy models, sessions, repository and Alembic migrations."""
