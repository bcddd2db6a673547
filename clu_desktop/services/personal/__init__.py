"""Personal data: what a person may ask to see, and the right to erasure.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.personal.data import ...``).
"""
