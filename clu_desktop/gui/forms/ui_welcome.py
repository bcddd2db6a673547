# Generated from ui/welcome.ui by scripts/compile-ui (pyside6-uic): do not edit.
# Edit the form in Qt Designer, then run scripts/compile-ui.
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_WelcomePage(object):
    def setupUi(self, welcomePage):
        if not welcomePage.objectName():
            welcomePage.setObjectName(u"welcomePage")
        self.outer = QVBoxLayout(welcomePage)
        self.outer.setObjectName(u"outer")
        self.topStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.topStretch)

        self.row = QHBoxLayout()
        self.row.setObjectName(u"row")
        self.leftStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.row.addItem(self.leftStretch)

        self.welcomePanel = QFrame(welcomePage)
        self.welcomePanel.setObjectName(u"welcomePanel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.welcomePanel.sizePolicy().hasHeightForWidth())
        self.welcomePanel.setSizePolicy(sizePolicy)
        self.welcomePanel.setMinimumSize(QSize(560, 0))
        self.welcomePanel.setMaximumSize(QSize(900, 16777215))
        self.column = QVBoxLayout(self.welcomePanel)
        self.column.setObjectName(u"column")
        self.welcomeTitle = QLabel(self.welcomePanel)
        self.welcomeTitle.setObjectName(u"welcomeTitle")

        self.column.addWidget(self.welcomeTitle)

        self.titleSpacing = QSpacerItem(0, 6, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.column.addItem(self.titleSpacing)

        self.welcomeIntro = QLabel(self.welcomePanel)
        self.welcomeIntro.setObjectName(u"welcomeIntro")
        self.welcomeIntro.setTextFormat(Qt.TextFormat.PlainText)
        self.welcomeIntro.setWordWrap(True)

        self.column.addWidget(self.welcomeIntro)

        self.introSpacing = QSpacerItem(0, 18, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.column.addItem(self.introSpacing)

        self.grid = QGridLayout()
        self.grid.setObjectName(u"grid")
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        self.welcomeLetterheadButton = QPushButton(self.welcomePanel)
        self.welcomeLetterheadButton.setObjectName(u"welcomeLetterheadButton")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.welcomeLetterheadButton.sizePolicy().hasHeightForWidth())
        self.welcomeLetterheadButton.setSizePolicy(sizePolicy1)

        self.grid.addWidget(self.welcomeLetterheadButton, 0, 0, 1, 1)

        self.welcomeLetterheadNote = QLabel(self.welcomePanel)
        self.welcomeLetterheadNote.setObjectName(u"welcomeLetterheadNote")
        self.welcomeLetterheadNote.setTextFormat(Qt.TextFormat.PlainText)
        self.welcomeLetterheadNote.setWordWrap(True)

        self.grid.addWidget(self.welcomeLetterheadNote, 0, 1, 1, 1)

        self.welcomeDemoButton = QPushButton(self.welcomePanel)
        self.welcomeDemoButton.setObjectName(u"welcomeDemoButton")
        sizePolicy1.setHeightForWidth(self.welcomeDemoButton.sizePolicy().hasHeightForWidth())
        self.welcomeDemoButton.setSizePolicy(sizePolicy1)

        self.grid.addWidget(self.welcomeDemoButton, 1, 0, 1, 1)

        self.welcomeDemoNote = QLabel(self.welcomePanel)
        self.welcomeDemoNote.setObjectName(u"welcomeDemoNote")
        self.welcomeDemoNote.setTextFormat(Qt.TextFormat.PlainText)
        self.welcomeDemoNote.setWordWrap(True)

        self.grid.addWidget(self.welcomeDemoNote, 1, 1, 1, 1)

        self.welcomeCreateButton = QPushButton(self.welcomePanel)
        self.welcomeCreateButton.setObjectName(u"welcomeCreateButton")
        sizePolicy1.setHeightForWidth(self.welcomeCreateButton.sizePolicy().hasHeightForWidth())
        self.welcomeCreateButton.setSizePolicy(sizePolicy1)

        self.grid.addWidget(self.welcomeCreateButton, 2, 0, 1, 1)

        self.welcomeCreateNote = QLabel(self.welcomePanel)
        self.welcomeCreateNote.setObjectName(u"welcomeCreateNote")
        self.welcomeCreateNote.setTextFormat(Qt.TextFormat.PlainText)
        self.welcomeCreateNote.setWordWrap(True)

        self.grid.addWidget(self.welcomeCreateNote, 2, 1, 1, 1)

        self.welcomeImportButton = QPushButton(self.welcomePanel)
        self.welcomeImportButton.setObjectName(u"welcomeImportButton")
        sizePolicy1.setHeightForWidth(self.welcomeImportButton.sizePolicy().hasHeightForWidth())
        self.welcomeImportButton.setSizePolicy(sizePolicy1)

        self.grid.addWidget(self.welcomeImportButton, 3, 0, 1, 1)

        self.welcomeImportNote = QLabel(self.welcomePanel)
        self.welcomeImportNote.setObjectName(u"welcomeImportNote")
        self.welcomeImportNote.setTextFormat(Qt.TextFormat.PlainText)
        self.welcomeImportNote.setWordWrap(True)

        self.grid.addWidget(self.welcomeImportNote, 3, 1, 1, 1)

        self.welcomeGuideButton = QPushButton(self.welcomePanel)
        self.welcomeGuideButton.setObjectName(u"welcomeGuideButton")
        sizePolicy1.setHeightForWidth(self.welcomeGuideButton.sizePolicy().hasHeightForWidth())
        self.welcomeGuideButton.setSizePolicy(sizePolicy1)

        self.grid.addWidget(self.welcomeGuideButton, 4, 0, 1, 1)

        self.welcomeGuideNote = QLabel(self.welcomePanel)
        self.welcomeGuideNote.setObjectName(u"welcomeGuideNote")
        self.welcomeGuideNote.setTextFormat(Qt.TextFormat.PlainText)
        self.welcomeGuideNote.setWordWrap(True)

        self.grid.addWidget(self.welcomeGuideNote, 4, 1, 1, 1)

        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)

        self.column.addLayout(self.grid)


        self.row.addWidget(self.welcomePanel)

        self.rightStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.row.addItem(self.rightStretch)

        self.row.setStretch(0, 1)
        self.row.setStretch(1, 4)
        self.row.setStretch(2, 1)

        self.outer.addLayout(self.row)

        self.bottomStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomStretch)

        self.outer.setStretch(0, 1)
        self.outer.setStretch(2, 2)
#if QT_CONFIG(shortcut)
        self.welcomeLetterheadNote.setBuddy(self.welcomeLetterheadButton)
        self.welcomeDemoNote.setBuddy(self.welcomeDemoButton)
        self.welcomeCreateNote.setBuddy(self.welcomeCreateButton)
        self.welcomeImportNote.setBuddy(self.welcomeImportButton)
        self.welcomeGuideNote.setBuddy(self.welcomeGuideButton)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.welcomeLetterheadButton, self.welcomeDemoButton)
        QWidget.setTabOrder(self.welcomeDemoButton, self.welcomeCreateButton)
        QWidget.setTabOrder(self.welcomeCreateButton, self.welcomeImportButton)
        QWidget.setTabOrder(self.welcomeImportButton, self.welcomeGuideButton)

        self.retranslateUi(welcomePage)
    # setupUi

    def retranslateUi(self, welcomePage):
#if QT_CONFIG(accessibility)
        welcomePage.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Accueil", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeTitle.setText(QCoreApplication.translate("WelcomePage", u"Bienvenue dans CLU Desktop", None))
        self.welcomeIntro.setText(QCoreApplication.translate("WelcomePage", u"Cette base ne contient encore aucune s\u00e9ance. Pour commencer, renseignez l'en-t\u00eate imprim\u00e9 sur les documents, puis cr\u00e9ez votre premi\u00e8re s\u00e9ance, ou d\u00e9couvrez l'application avec la s\u00e9ance de d\u00e9monstration.", None))
#if QT_CONFIG(accessibility)
        self.welcomeLetterheadButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Configurer l'en-t\u00eate de la pr\u00e9fecture", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.welcomeLetterheadButton.setAccessibleDescription(QCoreApplication.translate("WelcomePage", u"En-t\u00eate non renseign\u00e9\u00a0: les documents ne sortiront pas sans lui (autorit\u00e9, service, ville, logo\u2026).", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeLetterheadButton.setText(QCoreApplication.translate("WelcomePage", u"C&onfigurer l'en-t\u00eate de la pr\u00e9fecture", None))
        self.welcomeLetterheadNote.setText(QCoreApplication.translate("WelcomePage", u"En-t\u00eate non renseign\u00e9\u00a0: les documents ne sortiront pas sans lui (autorit\u00e9, service, ville, logo\u2026).", None))
#if QT_CONFIG(accessibility)
        self.welcomeDemoButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Charger la s\u00e9ance de d\u00e9monstration", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.welcomeDemoButton.setAccessibleDescription(QCoreApplication.translate("WelcomePage", u"Une vraie s\u00e9ance (CLU du 20 d\u00e9cembre 2023), avec son annuaire, son ordre du jour et son compte-rendu sign\u00e9, pour voir chaque page remplie.", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeDemoButton.setText(QCoreApplication.translate("WelcomePage", u"Charger la s\u00e9ance de d\u00e9&monstration", None))
        self.welcomeDemoNote.setText(QCoreApplication.translate("WelcomePage", u"Une vraie s\u00e9ance (CLU du 20 d\u00e9cembre 2023), avec son annuaire, son ordre du jour et son compte-rendu sign\u00e9, pour voir chaque page remplie.", None))
#if QT_CONFIG(accessibility)
        self.welcomeCreateButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Cr\u00e9er une s\u00e9ance", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.welcomeCreateButton.setAccessibleDescription(QCoreApplication.translate("WelcomePage", u"Une s\u00e9ance vide du comit\u00e9 par d\u00e9faut\u00a0: titre, date, lieu, puis ordre du jour et participants (Ctrl+N).", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeCreateButton.setText(QCoreApplication.translate("WelcomePage", u"&Cr\u00e9er une s\u00e9ance", None))
        self.welcomeCreateNote.setText(QCoreApplication.translate("WelcomePage", u"Une s\u00e9ance vide du comit\u00e9 par d\u00e9faut\u00a0: titre, date, lieu, puis ordre du jour et participants (Ctrl+N).", None))
#if QT_CONFIG(accessibility)
        self.welcomeImportButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Importer une s\u00e9ance depuis un fichier", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.welcomeImportButton.setAccessibleDescription(QCoreApplication.translate("WelcomePage", u"Une s\u00e9ance export\u00e9e d'un autre poste (fichier .json), avec ses participants et son ordre du jour (Ctrl+I).", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeImportButton.setText(QCoreApplication.translate("WelcomePage", u"&Importer une s\u00e9ance (fichier)", None))
        self.welcomeImportNote.setText(QCoreApplication.translate("WelcomePage", u"Une s\u00e9ance export\u00e9e d'un autre poste (fichier .json), avec ses participants et son ordre du jour (Ctrl+I).", None))
#if QT_CONFIG(accessibility)
        self.welcomeGuideButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Lire le guide de l'utilisateur", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.welcomeGuideButton.setAccessibleDescription(QCoreApplication.translate("WelcomePage", u"Chaque page et ses raccourcis clavier, hors ligne (F1 sur n'importe quelle page).", None))
#endif // QT_CONFIG(accessibility)
        self.welcomeGuideButton.setText(QCoreApplication.translate("WelcomePage", u"Lire le &guide de l'utilisateur", None))
        self.welcomeGuideNote.setText(QCoreApplication.translate("WelcomePage", u"Chaque page et ses raccourcis clavier, hors ligne (F1 sur n'importe quelle page).", None))
    # retranslateUi

