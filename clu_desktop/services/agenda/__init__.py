"""The ordre du jour: items and sub-items, their statements and actions, the
schedule, moves, and the follow-up item.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.agenda.actions import ...``).
"""
