"""Domain model and storage of Weerbaar (SQLAlchemy 2, Alembic).

Never imports streamlit. Importing this package is cheap: submodules are
imported where they are needed.
"""
