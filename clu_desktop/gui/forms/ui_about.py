# Generated from ui/about.ui by scripts/compile-ui (pyside6-uic): do not edit.
# Edit the form in Qt Designer, then run scripts/compile-ui.
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, aboutDialog):
        if not aboutDialog.objectName():
            aboutDialog.setObjectName(u"aboutDialog")
        aboutDialog.setMinimumSize(QSize(400, 0))
        self.dialogLayout = QVBoxLayout(aboutDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.body = QHBoxLayout()
        self.body.setSpacing(16)
        self.body.setObjectName(u"body")
        self.aboutIcon = QLabel(aboutDialog)
        self.aboutIcon.setObjectName(u"aboutIcon")
        self.aboutIcon.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.body.addWidget(self.aboutIcon)

        self.texts = QVBoxLayout()
        self.texts.setObjectName(u"texts")
        self.aboutTitle = QLabel(aboutDialog)
        self.aboutTitle.setObjectName(u"aboutTitle")
        self.aboutTitle.setTextFormat(Qt.TextFormat.PlainText)
        self.aboutTitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.texts.addWidget(self.aboutTitle)

        self.aboutText = QLabel(aboutDialog)
        self.aboutText.setObjectName(u"aboutText")
        self.aboutText.setTextFormat(Qt.TextFormat.PlainText)
        self.aboutText.setWordWrap(True)

        self.texts.addWidget(self.aboutText)

        self.aboutData = QLabel(aboutDialog)
        self.aboutData.setObjectName(u"aboutData")
        self.aboutData.setTextFormat(Qt.TextFormat.PlainText)
        self.aboutData.setWordWrap(True)
        self.aboutData.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.texts.addWidget(self.aboutData)

        self.textsStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.texts.addItem(self.textsStretch)


        self.body.addLayout(self.texts)

        self.body.setStretch(1, 1)

        self.dialogLayout.addLayout(self.body)

        self.buttons = QDialogButtonBox(aboutDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttons)


        self.retranslateUi(aboutDialog)
    # setupUi

    def retranslateUi(self, aboutDialog):
        aboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"\u00c0 propos de CLU Desktop", None))
#if QT_CONFIG(accessibility)
        aboutDialog.setAccessibleName(QCoreApplication.translate("AboutDialog", u"\u00c0 propos de CLU Desktop", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.aboutTitle.setAccessibleName(QCoreApplication.translate("AboutDialog", u"Application et version", None))
#endif // QT_CONFIG(accessibility)
        self.aboutText.setText(QCoreApplication.translate("AboutDialog", u"Comit\u00e9 local des usagers\u00a0: annuaire, s\u00e9ances, \u00e9margement, qualit\u00e9 et comptes-rendus, hors ligne.", None))
#if QT_CONFIG(accessibility)
        self.aboutData.setAccessibleName(QCoreApplication.translate("AboutDialog", u"Emplacement des donn\u00e9es", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

