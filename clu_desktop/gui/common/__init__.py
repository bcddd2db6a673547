"""The GUI kit the pages share: the « list beside an editor » panel (``list_editor``),
the one row-based model (``rows_model``), adding and deleting a record with undo
(``records``), the choice combo and the date and time editors (``widgets``), tying them
to fields saved as they are made (``binding``), the date helpers (``fields``) and the
layout helpers (``layout``). The edit context is ``gui/agenda/editing.EditContext``
(version checks in ``gui/conflicts.py``), the pickers ``gui/pickers.py``, the column
widths ``gui/columns.py``."""
