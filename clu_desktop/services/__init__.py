"""Use cases on a Session, without Qt: the only code that writes data."""
