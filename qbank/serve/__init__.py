"""`qbank serve`: a practice and homework server for a whole class, on SQLite or PostgreSQL (docs/serve.md)."""
