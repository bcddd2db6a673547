"""The GUI kit the pages share: the edit context (``editing``: ``EditContext``, and
``RecordsContext`` for records not per meeting; version checks in ``gui/conflicts.py``),
the « list beside an editor » panel (``list_editor``), the one row-based model
(``rows_model``) and the one two-level model (``groups_model``), adding and deleting a
record with undo (``records``), the choice combo and the date and time editors
(``widgets``) tied to fields saved as they are made (``binding``), the list of people
to tick (``checklist``), the field helpers
(``fields``), what the two action editors share (``action_fields``) and the layout
helpers (``layout``). The pickers are ``gui/pickers.py``, the column widths
``gui/columns.py``."""
