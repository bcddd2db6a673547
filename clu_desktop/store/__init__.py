"""Storage: where the database lives, engines and sessions, migrations and backups."""
