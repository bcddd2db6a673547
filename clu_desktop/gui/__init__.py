"""The desktop interface: PySide6 windows and the Qt models that feed their views.

Nothing outside this package imports Qt; widgets read and write data only through
``clu_desktop.services``.
"""
