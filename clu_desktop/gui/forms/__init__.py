"""The Qt Designer forms of ui/, compiled by scripts/compile-ui (pyside6-uic) into
``ui_NAME.py`` modules: generated, never edited by hand. Each gives a ``Ui_…`` class whose
``setupUi(widget)`` builds the form's widgets and layout; the class that uses it fills
the widgets and saves what is typed.

``promoted.py`` (written by hand) holds the widgets the forms promote in Designer."""
