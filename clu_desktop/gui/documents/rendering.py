"""PDF pages to QImages with pypdfium2, shared by the preview and the printing.

pdfium renders straight into a buffer Qt reads (RGBx bytes), so Pillow is not needed.
pdfium is not thread-safe: every call here runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

from clu_desktop.errors import UserError

POINTS_PER_INCH = 72.0


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open a PDF for reading, or say in French why it cannot be."""
    try:
        return pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError) as exc:
        raise UserError(f"Le document « {Path(path).name} » ne peut pas être lu ({exc}).") from exc


def page_sizes(pdf: pdfium.PdfDocument) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, without rendering it."""
    return [tuple(pdf.get_page_size(index)) for index in range(len(pdf))]  # type: ignore[misc]


def render_page(pdf: pdfium.PdfDocument, index: int, scale: float, rotation: int = 0) -> QImage:
    """Page ``index`` at ``scale`` pixels per point (``rotation`` in degrees: 0 or 90)."""
    page = pdf[index]
    try:
        bitmap = page.render(
            scale=scale,
            rotation=rotation,
            rev_byteorder=True,  # RGBx: byte order, whatever the machine's endianness
            prefer_bgrx=True,
            may_draw_forms=False,
        )
        image = QImage(
            bitmap.buffer,
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        )
        return image.copy()  # own the pixels: the bitmap's buffer goes with it
    finally:
        page.close()
