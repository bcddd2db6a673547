"""Rules on plain values (no database, no Qt): what the window, a file and the command line
refuse alike, one place each."""
