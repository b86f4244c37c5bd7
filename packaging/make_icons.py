"""Draw coopdesk's icon (resources/icons/coopdesk.svg) as the files a desktop wants: a 256-pixel PNG for
Linux menus and a Windows .ico holding 16 to 256 pixels. Run by packaging/coopdesk.spec at build time.

    python packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "coopdesk.svg"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def draw(size: int) -> bytes:
    """The icon as PNG data, ``size`` pixels square."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (fonts and image plugins need an application)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "coopdesk.png").write_bytes(draw(256))
    from io import BytesIO

    from PIL import Image  # comes with ReportLab

    images = [Image.open(BytesIO(draw(size))) for size in ICO_SIZES]
    images[-1].save(out / "coopdesk.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
