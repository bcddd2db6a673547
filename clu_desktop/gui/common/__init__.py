"""The GUI kit the pages share: the « list beside an editor » panel (``list_editor``),
adding and deleting a record with undo (``records``) and the layout helpers (``layout``).
The edit context is ``gui/agenda/editing.EditContext`` (version checks in
``gui/conflicts.py``), the pickers ``gui/pickers.py``, the column widths
``gui/columns.py``."""
