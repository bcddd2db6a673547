"""Who is invited and who came: invitations, answers, ticks, walk-ins, the
statuses' words and the attendance CSV.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.attendance.edit import ...``).
"""
