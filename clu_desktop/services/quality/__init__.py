"""The quality follow-up: referentials and modules, labels, audits and findings,
the action plan, the users' remarks.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.quality.actions import ...``).
"""
