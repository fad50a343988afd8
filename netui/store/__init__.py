"""The database: Peewee models, opening and migrating, and queries that return domain values."""
