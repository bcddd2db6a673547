"""What the documents print (the snapshot), their export to PDF and signing the minutes
(the figures their annexes print are frozen by ``services.meetings.annex_freeze``).

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.documents.snapshot import ...``).
"""
