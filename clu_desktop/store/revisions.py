"""The schema revisions this version of CLU Desktop knows, as constants.

Opening a base at head needs no Alembic (about a tenth of a second of imports before the
first meeting shows): the base's ``alembic_version`` is read with one query and compared
with :data:`HEAD`. Alembic is imported only to upgrade. ``tests/store/test_migrations.py``
checks these constants against the scripts in ``migrations/versions``: a new revision
updates both.
"""

from __future__ import annotations

#: Every revision that has a script, oldest first.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
#: The revision the current models correspond to.
HEAD = REVISIONS[-1]
KNOWN = frozenset(REVISIONS)
