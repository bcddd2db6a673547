"""What the documents print (the snapshot), their export to PDF, signing the
minutes and the annexes frozen with them.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.documents.annex_freeze import ...``).
"""
