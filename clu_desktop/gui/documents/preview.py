"""A PDF shown as a column of pages, rendered lazily: a page is rendered when it comes
near the visible area and forgotten when it goes far, so that a 40-page document opens
at once and stays light."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from clu_desktop.gui.documents.rendering import POINTS_PER_INCH, open_pdf, page_sizes, render_page

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]
MARGIN = 24  # around the column of pages
SPACING = 16  # between two pages
SHADOW = 4  # the shadow's offset, right and below each page
KEEP_AROUND = 2  # pages kept rendered beyond those near the visible area
BACKGROUND = QColor("#d9dce1")
PAGE_BORDER = QColor("#9aa0a8")
PAGE_PLACEHOLDER = QColor("#5f6368")  # on the white paper, whatever the palette
SHADOW_COLOR = QColor(0, 0, 0, 70)


class PageView(QWidget):
    """One page: white paper with a border and a shadow; its image once rendered."""

    def __init__(self, index: int, count: int, size_pt: tuple[float, float]) -> None:
        super().__init__()
        self.index = index
        self.size_pt = size_pt
        self.image: QImage | None = None
        self.image_scale = 0.0  # pixels per point of ``image`` (device pixels)
        self.setObjectName(f"previewPage{index + 1}")
        self.setAccessibleName(f"Page {index + 1} sur {count}")
        self._page_size = QSize(1, 1)

    @property
    def is_rendered(self) -> bool:
        return self.image is not None

    def set_scale(self, scale: float) -> None:
        """Show the page at ``scale`` logical pixels per point (the image follows later)."""
        width, height = self.size_pt
        self._page_size = QSize(max(1, round(width * scale)), max(1, round(height * scale)))
        self.setFixedSize(self._page_size + QSize(SHADOW, SHADOW))

    def page_rect(self) -> QRect:
        return QRect(0, 0, self._page_size.width(), self._page_size.height())

    def set_image(self, image: QImage | None, scale: float = 0.0) -> None:
        self.image, self.image_scale = image, scale
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        page = self.page_rect()
        painter.fillRect(page.translated(SHADOW, SHADOW), SHADOW_COLOR)
        painter.fillRect(page, Qt.GlobalColor.white)
        if self.image is not None:
            # A stale image (after a zoom) is shown stretched until its new one comes.
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(page, self.image)
        else:
            painter.setPen(PAGE_PLACEHOLDER)
            painter.drawText(page, Qt.AlignmentFlag.AlignCenter, f"Page {self.index + 1}")
        painter.setPen(PAGE_BORDER)
        painter.drawRect(page.adjusted(0, 0, -1, -1))
        painter.end()


class _OpenPdf:
    """The document being shown, closed when the preview goes (whose wrapper may be
    gone by then: this holder is what the ``destroyed`` signal calls)."""

    def __init__(self) -> None:
        self.pdf: pdfium.PdfDocument | None = None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None


class PdfPreview(QScrollArea):
    """The pages of one PDF, one under the other, with a zoom and a current page."""

    pageChanged = Signal(int, int)  # current page (from 1; 0 when empty), page count
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setAccessibleName("Aperçu du document")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # the column is sized and laid out by hand
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, BACKGROUND)
        self.setPalette(palette)
        self.viewport().setAutoFillBackground(True)
        self._column = QWidget()
        self._column.setObjectName("previewColumn")
        self._column.setAutoFillBackground(False)
        self.setWidget(self._column)
        self.page_views: list[PageView] = []
        self.path: Path | None = None
        self._open = _OpenPdf()
        self.destroyed.connect(self._open.close)
        self._zoom = 1.0
        self._fit_width = True
        self._current = 0
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render_step)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._on_scrolled())

    # Document

    @property
    def page_count(self) -> int:
        return len(self.page_views)

    @property
    def current_page(self) -> int:
        return self._current

    def load(self, path: Path, keep_page: bool = False) -> int:
        """Show the PDF at ``path`` (a UserError if it cannot be read). The zoom stays;
        with ``keep_page`` (a new version of the same document) the current page too."""
        pdf = open_pdf(path)
        keep = self._current if keep_page else 1
        self._close_pdf()
        self._open.pdf, self.path = pdf, Path(path)
        count = len(pdf)
        self.page_views = [
            PageView(index, count, size) for index, size in enumerate(page_sizes(pdf))
        ]
        for view in self.page_views:
            view.setParent(self._column)
            view.show()
        self._apply_zoom(self._fit_zoom() if self._fit_width else self._zoom, anchor=False)
        self.go_to_page(min(max(keep, 1), count) if count else 0)
        self._update_current()
        self._render_timer.start()
        return count

    def clear(self) -> None:
        """Show nothing and let go of the file."""
        self._close_pdf()
        self.path = None
        self._update_current()

    def _close_pdf(self) -> None:
        self._render_timer.stop()
        for view in self.page_views:
            view.setParent(None)
            view.deleteLater()
        self.page_views = []
        self._place_pages()
        self._open.close()

    def go_to_page(self, number: int) -> None:
        """Scroll so that page ``number`` (from 1) starts at the top."""
        if not 1 <= number <= self.page_count:
            return
        view = self.page_views[number - 1]
        self.verticalScrollBar().setValue(max(0, view.y() - SPACING // 2))

    def rendered_pages(self) -> list[int]:
        """The pages (from 1) whose image is in memory."""
        return [view.index + 1 for view in self.page_views if view.is_rendered]

    # Zoom

    @property
    def zoom(self) -> float:
        """1.0 shows a page at its printed size."""
        return self._zoom

    @property
    def fits_width(self) -> bool:
        return self._fit_width

    def zoom_in(self) -> None:
        bigger = [step for step in ZOOM_STEPS if step > self._zoom + 0.005]
        self.set_zoom(bigger[0] if bigger else MAX_ZOOM)

    def zoom_out(self) -> None:
        smaller = [step for step in ZOOM_STEPS if step < self._zoom - 0.005]
        self.set_zoom(smaller[-1] if smaller else MIN_ZOOM)

    def set_zoom(self, zoom: float) -> None:
        self._fit_width = False
        self._apply_zoom(zoom)

    def fit_width(self) -> None:
        """Make the widest page fill the width of the view (kept when the view resizes)."""
        self._fit_width = True
        self._apply_zoom(self._fit_zoom())

    def _points_to_pixels(self) -> float:
        return self.logicalDpiX() / POINTS_PER_INCH

    def _fit_zoom(self) -> float:
        if not self.page_views:
            return self._zoom
        widest = max(view.size_pt[0] for view in self.page_views)
        room = self.viewport().width() - 2 * MARGIN - SHADOW
        return room / (widest * self._points_to_pixels())

    def _apply_zoom(self, zoom: float, anchor: bool = True) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        place = self._anchor() if anchor else None
        changed = abs(zoom - self._zoom) > 1e-6
        self._zoom = zoom
        scale = zoom * self._points_to_pixels()
        for view in self.page_views:
            view.set_scale(scale)
        self._place_pages()
        if place is not None:
            index, fraction = place
            view = self.page_views[index]
            self.verticalScrollBar().setValue(round(view.y() + fraction * view.height()))
        if changed:
            self.zoomChanged.emit(zoom)
        self._update_current()
        self._render_timer.start()

    def _place_pages(self) -> None:
        """One page under the other, centred; the column as big as they need (at least
        the view). Positions are known at once, with no layout pass to wait for."""
        widest = max((view.width() for view in self.page_views), default=0)
        width = max(self.viewport().width(), widest + 2 * MARGIN)
        y = MARGIN
        for view in self.page_views:
            view.move((width - view.width()) // 2, y)
            y += view.height() + SPACING
        height = y - SPACING + MARGIN if self.page_views else 0
        self._column.resize(width, max(height, self.viewport().height()))

    def _anchor(self) -> tuple[int, float] | None:
        """The page at the top of the view, and how far down it the view starts."""
        top = self.verticalScrollBar().value()
        for view in self.page_views:
            if view.y() + view.height() + SPACING > top:
                return view.index, (top - view.y()) / max(1, view.height())
        return None

    # Following the view

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_width and self.page_views:
            self._apply_zoom(self._fit_zoom())
        else:
            self._place_pages()
            self._on_scrolled()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Home and End go to the first and the last page (arrows and Page Up / Page
        Down scroll, as in any scroll area)."""
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(0)
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def _on_scrolled(self) -> None:
        self._update_current()
        self._render_timer.start()

    def _visible_range(self, extra: int = 0) -> range:
        """Pages (indexes) meeting the view, grown by ``extra`` pixels up and down."""
        top = self.verticalScrollBar().value() - extra
        bottom = self.verticalScrollBar().value() + self.viewport().height() + extra
        shown = [v.index for v in self.page_views if v.y() < bottom and v.y() + v.height() > top]
        return range(shown[0], shown[-1] + 1) if shown else range(0)

    def _update_current(self) -> None:
        current = 0
        if self.page_views:
            top = self.verticalScrollBar().value()
            bottom = top + self.viewport().height()

            def seen(view: PageView) -> int:
                return min(bottom, view.y() + view.height()) - max(top, view.y())

            current = max(self.page_views, key=lambda v: (seen(v), -v.index)).index + 1
        if current != self._current or not self.page_views:
            self._current = current
            self.pageChanged.emit(current, self.page_count)

    def _render_step(self) -> None:
        """Render one missing page near the view (the nearest first), forget far ones,
        and come back for the next: scrolling stays smooth while pages arrive."""
        pdf = self._open.pdf
        if pdf is None or not self.page_views:
            return
        near = self._visible_range(extra=self.viewport().height() // 2)
        keep = range(max(0, near.start - KEEP_AROUND), near.stop + KEEP_AROUND)
        for view in self.page_views:
            if view.is_rendered and view.index not in keep:
                view.set_image(None)
        ratio = self.devicePixelRatioF()
        scale = self._zoom * self._points_to_pixels() * ratio
        current = self._current - 1
        wanted = [
            view
            for view in (self.page_views[index] for index in near)
            if not view.is_rendered or abs(view.image_scale - scale) > 1e-6
        ]
        if not wanted:
            return
        view = min(wanted, key=lambda v: abs(v.index - current))
        image = render_page(pdf, view.index, scale)
        image.setDevicePixelRatio(ratio)
        view.set_image(image, scale)
        self._render_timer.start()
