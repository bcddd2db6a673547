"""Printing a PDF: the system's print dialog on one side (``ask_printer``), painting the
pages on a QPrinter on the other (``print_pdf``), so that tests print to a PDF file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui.documents.rendering import POINTS_PER_INCH, open_pdf, page_sizes, render_page

#: Pages are rendered at the printer's resolution, up to this many dots per inch (a
#: 1200 dpi A4 page would take half a gigabyte of memory, for no visible gain).
MAX_PRINT_DPI = 300
PROGRESS_DELAY_MS = 800  # a long job shows its progress after this


class PrintCancelled(Exception):
    """The user stopped printing; ``args[0]`` sheets had been sent."""


def _page_size(size_pt: tuple[float, float]) -> QPageSize:
    """The paper of a page: A4 when it is (near enough) A4, else its own size."""
    return QPageSize(
        QSizeF(*size_pt), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )


def ask_printer(
    parent: QWidget | None, title: str, document_name: str, path: Path, current_page: int
) -> QPrinter | None:
    """The system's print dialog for the PDF at ``path``; the printer as chosen, or None
    when the user cancels. (Tests replace this function.)"""
    with open_pdf(path) as pdf:
        sizes = page_sizes(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document_name)
    printer.setFullPage(True)
    if sizes:
        width, height = sizes[0]
        orientation = (
            QPageLayout.Orientation.Landscape
            if width > height
            else QPageLayout.Orientation.Portrait
        )
        portrait = (min(width, height), max(width, height))
        printer.setPageSize(_page_size(portrait))
        printer.setPageOrientation(orientation)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(title)
    dialog.setMinMax(1, max(1, len(sizes)))
    option = QPrintDialog.PrintDialogOption
    dialog.setOptions(
        option.PrintPageRange
        | option.PrintCurrentPage
        | option.PrintCollateCopies
        | option.PrintShowPageSize
        | option.PrintToFile
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def pages_to_print(printer: QPrinter, count: int, current_page: int) -> list[int]:
    """The pages (from 1) the dialog asked for, in printing order, once per copy that
    the printer does not make itself."""
    which = printer.printRange()
    if which == QPrinter.PrintRange.CurrentPage and 1 <= current_page <= count:
        pages = [current_page]
    elif which == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            pages = [n for n in range(1, count + 1) if ranges.contains(n)]
        else:
            first = max(1, printer.fromPage() or 1)
            last = min(count, printer.toPage() or count)
            pages = list(range(first, last + 1))
    else:
        pages = list(range(1, count + 1))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _copy in range(copies)]


def print_pdf(
    path: Path,
    printer: QPrinter,
    current_page: int = 1,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Paint the pages of the PDF at ``path`` on ``printer``; the number of sheets sent.

    Each page is rendered at the printer's resolution (up to MAX_PRINT_DPI) and drawn at
    its printed size on the paper, centred, shrunk if the paper is smaller; a landscape
    page on portrait paper is turned. ``progress(done, total)`` is called before each
    sheet; when it returns False the job is aborted and PrintCancelled raised.
    """
    with open_pdf(path) as pdf:
        sizes = page_sizes(pdf)
        pages = pages_to_print(printer, len(sizes), current_page)
        if not pages:
            raise UserError("Aucune page à imprimer dans les pages demandées.")
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(
                "L'impression n'a pas pu commencer : l'imprimante ou le fichier choisi "
                "n'est pas disponible."
            )
        try:
            dpi = printer.resolution()
            render_dpi = min(dpi, MAX_PRINT_DPI)
            # Full page: the painter's origin is the paper's corner.
            paper = QRectF(QPointF(0, 0), printer.paperRect(QPrinter.Unit.DevicePixel).size())
            for done, number in enumerate(pages):
                if progress is not None and not progress(done, len(pages)):
                    printer.abort()
                    raise PrintCancelled(done)
                if done:
                    printer.newPage()
                width, height = sizes[number - 1]
                turn = (width > height) != (paper.width() > paper.height())
                if turn:
                    width, height = height, width
                image = render_page(
                    pdf, number - 1, render_dpi / POINTS_PER_INCH, rotation=90 if turn else 0
                )
                target = QSizeF(width, height) * (dpi / POINTS_PER_INCH)
                fit = min(1.0, paper.width() / target.width(), paper.height() / target.height())
                target *= fit
                origin = paper.center() - QRectF(0, 0, target.width(), target.height()).center()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(QRectF(origin, target), image)
        finally:
            if painter.isActive():
                painter.end()
    return len(pages)


def print_with_progress(
    parent: QWidget | None, title: str, path: Path, printer: QPrinter, current_page: int
) -> int:
    """``print_pdf`` under a wait cursor, with a progress dialog (and its "Annuler"
    button) when the job lasts: a 40-page document takes a few seconds."""
    progress = QProgressDialog("Impression en cours…", "Annuler", 0, 1, parent)
    progress.setObjectName("printProgress")
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(PROGRESS_DELAY_MS)
    progress.setAutoReset(False)

    def follow(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setLabelText(f"Impression en cours\u00a0: page {done + 1} sur {total}…")
        progress.setValue(done)
        return not progress.wasCanceled()

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return print_pdf(path, printer, current_page, follow)
    finally:
        QApplication.restoreOverrideCursor()
        progress.close()
        progress.deleteLater()
