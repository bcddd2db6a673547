"""Qt item models over the services' plain data (no database access here)."""
