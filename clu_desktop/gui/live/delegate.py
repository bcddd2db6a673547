"""How one line of the live list is drawn: a big ✓ for the present, the name in bold,
the organisation under it, the state ("arrivé à 14h32") on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from clu_desktop.gui import colours
from clu_desktop.gui.live.model import (
    DETAIL_ROLE,
    INVITE_ROLE,
    NAME_ROLE,
    PRESENT_ROLE,
    STATE_ROLE,
    WALK_IN_ROLE,
)

_Index = QModelIndex | QPersistentModelIndex
DETAIL_SCALE = 0.8
STATE_SHARE = 0.4  # the state text takes at most this share of the line


def present_colour_on(palette: QPalette) -> QColor:
    """The check mark's and the « présent(e) » state's green, read on the list's rows."""
    return colours.on(colours.SUCCESS, *colours.item_backgrounds(palette))


def _scaled(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return scaled


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class LiveDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        font = option.font
        line = QFontMetrics(_bold(font)).height()
        detail = QFontMetrics(_scaled(font, DETAIL_SCALE)).height()
        margin = line // 3
        return QSize(line * 20, margin * 2 + line + detail + line // 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # background, selection and focus as the style draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if foreground is not None and not selected:
            colour = QColor(foreground)
        present_colour = present_colour_on(palette)
        present = bool(index.data(PRESENT_ROLE))
        walk_in = bool(index.data(WALK_IN_ROLE)) or bool(index.data(INVITE_ROLE))  # offers

        font = opt.font
        bold, detail_font = _bold(font), _scaled(font, DETAIL_SCALE)
        line = QFontMetrics(bold).height()
        margin = line // 3
        rect = opt.rect.adjusted(margin, margin, -margin, -margin)
        mark_width = round(line * 1.4)

        painter.save()
        painter.setClipRect(opt.rect)
        mark = "✓" if present else ("+" if walk_in else "")
        if mark:
            painter.setFont(_scaled(bold, 1.3))
            painter.setPen(colour if selected or walk_in else present_colour)
            painter.drawText(
                QRect(rect.left(), rect.top(), mark_width, rect.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                mark,
            )
        text_left = rect.left() + mark_width
        text_width = rect.right() - text_left

        state = index.data(STATE_ROLE) or ""
        state_width = 0
        if state:
            painter.setFont(font)
            metrics = QFontMetrics(font)
            state_width = metrics.horizontalAdvance(state) + 2  # rounding: never elide
            if state_width > text_width * STATE_SHARE:
                state_width = int(text_width * STATE_SHARE)
                state = metrics.elidedText(state, Qt.TextElideMode.ElideRight, state_width)
            painter.setPen(present_colour if present and not selected else colour)
            painter.drawText(
                QRect(rect.right() - state_width, rect.top(), state_width, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                state,
            )
        gap = line // 2 if state else 0
        name_width = max(0, text_width - state_width - gap)

        painter.setPen(colour)
        painter.setFont(bold)
        name = QFontMetrics(bold).elidedText(
            index.data(NAME_ROLE) or "", Qt.TextElideMode.ElideRight, name_width
        )
        painter.drawText(
            QRect(text_left, rect.top(), name_width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name,
        )
        painter.setFont(detail_font)
        detail_metrics = QFontMetrics(detail_font)
        detail = detail_metrics.elidedText(
            index.data(DETAIL_ROLE) or "", Qt.TextElideMode.ElideRight, text_width
        )
        painter.drawText(
            QRect(text_left, rect.top() + line + line // 8, text_width, detail_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            detail,
        )
        painter.restore()
