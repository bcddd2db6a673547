"""Renders resources/icons/clu-desktop.svg into the .png (256 px) and .ico the bundle and
the window use. Run it again after changing the SVG, and commit the three files:

    python packaging/make-icons.py

Qt draws the SVG (QtSvg) and writes the PNG. The .ico holds one image per size
(16 to 256 px) when Pillow is installed; otherwise Qt's "ico" image format plugin writes
it, with the 256 px image alone (Windows scales it down for the small sizes).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "clu-desktop.svg"
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def write(image: QImage, path: Path, fmt: str) -> None:
    writer = QImageWriter(str(path), fmt.encode())
    if not writer.write(image):
        sys.exit(f"{path.name} : écriture impossible ({writer.errorString()})")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(["make-icons"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"{SVG} : SVG illisible")
    write(render(renderer, PNG_SIZE), ICONS / "clu-desktop.png", "png")
    png = ICONS / "clu-desktop.png"
    try:
        from PIL import Image
    except ImportError:  # Qt writes a single image per .ico file
        write(render(renderer, PNG_SIZE), ICONS / "clu-desktop.ico", "ico")
    else:
        with Image.open(png) as image:
            image.save(ICONS / "clu-desktop.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"Icônes écrites dans {ICONS.name}/ : clu-desktop.png, clu-desktop.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
