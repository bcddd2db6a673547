"""The "Ordre du jour" page: agenda items, minutes text, statements and actions."""

from clu_desktop.gui.agenda.page import AgendaPage

__all__ = ["AgendaPage"]
