"""The directory (annuaire): organisations, people, committees and their
standing members, merges.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.directory.committees import ...``).
"""
