"""The directory window (Annuaire): people, organisations, committees and standing members."""

from clu_desktop.gui.directory.window import DirectoryWindow

__all__ = ["DirectoryWindow"]
