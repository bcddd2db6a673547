"""The right side of the page: the zoom bar, the page counter, and either the preview
or a French message (no meeting, generating, could not generate)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.documents.preview import PdfPreview


def _tool_button(text: str, name: str, accessible: str, tip: str, slot) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.clicked.connect(slot)
    return button


class PreviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.preview = PdfPreview()
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setAccessibleName("Information sur l'aperçu")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        # Whatever the text (a long path in an error), the page's minimum size stays.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.message.setMinimumSize(1, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.preview)

        self.zoom_out_button = _tool_button(
            "\u2212", "zoomOutButton", "Zoom arrière", "Zoom arrière (Ctrl+\u2212)", self.zoom_out
        )
        self.zoom_in_button = _tool_button(
            "+", "zoomInButton", "Zoom avant", "Zoom avant (Ctrl++)", self.zoom_in
        )
        self.fit_button = _tool_button(
            "A&juster à la largeur",
            "fitWidthButton",
            "Ajuster à la largeur",
            "La page occupe toute la largeur de l'aperçu (Ctrl+0)",
            self.fit_width,
        )
        self.fit_button.setCheckable(True)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAccessibleName("Zoom")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("000 %"))
        self.page_label = QLabel()
        self.page_label.setObjectName("pageCounter")
        self.page_label.setAccessibleName("Page affichée")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Fixed room, so that changing the text never changes the page's minimum size.
        self.page_label.setMinimumWidth(
            self.page_label.fontMetrics().horizontalAdvance("Page 0000 / 0000")
        )

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.fit_button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        # Shortcuts: the page adds them, so that they work wherever its focus is.
        self.zoom_actions: list[QAction] = []
        for name, keys, slot in (
            ("zoomInAction", [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], self.zoom_in),
            ("zoomOutAction", [QKeySequence.StandardKey.ZoomOut], self.zoom_out),
            ("fitWidthAction", ["Ctrl+0"], self.fit_width),
        ):
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.zoom_actions.append(action)

        self.preview.zoomChanged.connect(lambda _zoom: self._show_zoom())
        self.preview.pageChanged.connect(self._show_page)
        self.show_message("")

    # What is shown

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self._update_controls()

    def show_preview(self) -> None:
        self.stack.setCurrentWidget(self.preview)
        self._update_controls()

    @property
    def showing_preview(self) -> bool:
        return self.stack.currentWidget() is self.preview

    def _update_controls(self) -> None:
        active = self.showing_preview and self.preview.page_count > 0
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            widget.setEnabled(active)
        for action in self.zoom_actions:
            action.setEnabled(active)
        self._show_zoom()
        self._show_page(self.preview.current_page, self.preview.page_count)

    def _show_zoom(self) -> None:
        active = self.showing_preview and self.preview.page_count > 0
        self.zoom_label.setText(f"{round(self.preview.zoom * 100)}\u00a0%" if active else "")
        self.fit_button.setChecked(active and self.preview.fits_width)

    def _show_page(self, current: int, count: int) -> None:
        active = self.showing_preview and count > 0
        self.page_label.setText(f"Page {current} / {count}" if active else "")

    # Zoom

    def zoom_in(self) -> None:
        self.preview.zoom_in()
        self._show_zoom()

    def zoom_out(self) -> None:
        self.preview.zoom_out()
        self._show_zoom()

    def fit_width(self) -> None:
        self.preview.fit_width()
        self._show_zoom()
