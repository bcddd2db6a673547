"""Meetings: the list, the details page, the official record, meeting files,
the annexes frozen with signed minutes.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.meetings.details import ...``).
"""
