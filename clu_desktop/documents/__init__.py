"""Printable documents, written with reportlab from a snapshot of the domain.

Nothing here imports Qt, the GUI or SQLAlchemy: a document reads a
:class:`~clu_desktop.documents.snapshot.MeetingSnapshot` that the services build.
"""
