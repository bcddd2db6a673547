# Generated from ui/settings.ui by scripts/compile-ui (pyside6-uic): do not edit.
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
    QFormLayout, QFrame, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

from clu_desktop.gui.forms.promoted import FormChoiceCombo

class Ui_SettingsDialog(object):
    def setupUi(self, settingsDialog):
        if not settingsDialog.objectName():
            settingsDialog.setObjectName(u"settingsDialog")
        self.dialogLayout = QVBoxLayout(settingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.settingsIntro = QLabel(settingsDialog)
        self.settingsIntro.setObjectName(u"settingsIntro")
        self.settingsIntro.setWordWrap(True)

        self.dialogLayout.addWidget(self.settingsIntro)

        self.identityGroup = QGroupBox(settingsDialog)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityForm = QFormLayout(self.identityGroup)
        self.identityForm.setObjectName(u"identityForm")
        self.authorityLabel = QLabel(self.identityGroup)
        self.authorityLabel.setObjectName(u"authorityLabel")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.authorityLabel)

        self.authorityEdit = QPlainTextEdit(self.identityGroup)
        self.authorityEdit.setObjectName(u"authorityEdit")
        self.authorityEdit.setTabChangesFocus(True)

        self.identityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.authorityEdit)

        self.mottoLabel = QLabel(self.identityGroup)
        self.mottoLabel.setObjectName(u"mottoLabel")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.mottoLabel)

        self.mottoEdit = QPlainTextEdit(self.identityGroup)
        self.mottoEdit.setObjectName(u"mottoEdit")
        self.mottoEdit.setTabChangesFocus(True)

        self.identityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.mottoEdit)

        self.serviceBlockLabel = QLabel(self.identityGroup)
        self.serviceBlockLabel.setObjectName(u"serviceBlockLabel")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.serviceBlockLabel)

        self.serviceBlockEdit = QPlainTextEdit(self.identityGroup)
        self.serviceBlockEdit.setObjectName(u"serviceBlockEdit")
        self.serviceBlockEdit.setTabChangesFocus(True)

        self.identityForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.serviceBlockEdit)

        self.serviceNameLabel = QLabel(self.identityGroup)
        self.serviceNameLabel.setObjectName(u"serviceNameLabel")

        self.identityForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.serviceNameLabel)

        self.serviceNameEdit = QLineEdit(self.identityGroup)
        self.serviceNameEdit.setObjectName(u"serviceNameEdit")

        self.identityForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.serviceNameEdit)

        self.townLabel = QLabel(self.identityGroup)
        self.townLabel.setObjectName(u"townLabel")

        self.identityForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.townLabel)

        self.townEdit = QLineEdit(self.identityGroup)
        self.townEdit.setObjectName(u"townEdit")

        self.identityForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.townEdit)

        self.phoneLabel = QLabel(self.identityGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.identityForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.identityGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.identityForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(self.identityGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.identityForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.identityGroup)
        self.emailEdit.setObjectName(u"emailEdit")

        self.identityForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.websiteLabel = QLabel(self.identityGroup)
        self.websiteLabel.setObjectName(u"websiteLabel")

        self.identityForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.websiteLabel)

        self.websiteEdit = QLineEdit(self.identityGroup)
        self.websiteEdit.setObjectName(u"websiteEdit")

        self.identityForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.websiteEdit)


        self.dialogLayout.addWidget(self.identityGroup)

        self.filesGroup = QGroupBox(settingsDialog)
        self.filesGroup.setObjectName(u"filesGroup")
        self.filesForm = QFormLayout(self.filesGroup)
        self.filesForm.setObjectName(u"filesForm")
        self.logoLabel = QLabel(self.filesGroup)
        self.logoLabel.setObjectName(u"logoLabel")

        self.filesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.logoLabel)

        self.logoRow = QHBoxLayout()
        self.logoRow.setObjectName(u"logoRow")
        self.logoEdit = QLineEdit(self.filesGroup)
        self.logoEdit.setObjectName(u"logoEdit")
        self.logoEdit.setReadOnly(True)

        self.logoRow.addWidget(self.logoEdit)

        self.logoChooseButton = QPushButton(self.filesGroup)
        self.logoChooseButton.setObjectName(u"logoChooseButton")
        self.logoChooseButton.setAutoDefault(False)

        self.logoRow.addWidget(self.logoChooseButton)

        self.logoRemoveButton = QPushButton(self.filesGroup)
        self.logoRemoveButton.setObjectName(u"logoRemoveButton")
        self.logoRemoveButton.setAutoDefault(False)

        self.logoRow.addWidget(self.logoRemoveButton)


        self.filesForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.logoRow)

        self.logoPreview = QLabel(self.filesGroup)
        self.logoPreview.setObjectName(u"logoPreview")
        self.logoPreview.setMinimumSize(QSize(240, 80))
        self.logoPreview.setMaximumSize(QSize(240, 80))
        self.logoPreview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logoPreview.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.filesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.logoPreview)

        self.fontLabel = QLabel(self.filesGroup)
        self.fontLabel.setObjectName(u"fontLabel")

        self.filesForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fontLabel)

        self.fontRow = QHBoxLayout()
        self.fontRow.setObjectName(u"fontRow")
        self.fontEdit = QLineEdit(self.filesGroup)
        self.fontEdit.setObjectName(u"fontEdit")
        self.fontEdit.setReadOnly(True)

        self.fontRow.addWidget(self.fontEdit)

        self.fontChooseButton = QPushButton(self.filesGroup)
        self.fontChooseButton.setObjectName(u"fontChooseButton")
        self.fontChooseButton.setAutoDefault(False)

        self.fontRow.addWidget(self.fontChooseButton)

        self.fontRemoveButton = QPushButton(self.filesGroup)
        self.fontRemoveButton.setObjectName(u"fontRemoveButton")
        self.fontRemoveButton.setAutoDefault(False)

        self.fontRow.addWidget(self.fontRemoveButton)


        self.filesForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.fontRow)

        self.fontBoldLabel = QLabel(self.filesGroup)
        self.fontBoldLabel.setObjectName(u"fontBoldLabel")

        self.filesForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.fontBoldLabel)

        self.fontBoldRow = QHBoxLayout()
        self.fontBoldRow.setObjectName(u"fontBoldRow")
        self.fontBoldEdit = QLineEdit(self.filesGroup)
        self.fontBoldEdit.setObjectName(u"fontBoldEdit")
        self.fontBoldEdit.setReadOnly(True)

        self.fontBoldRow.addWidget(self.fontBoldEdit)

        self.fontBoldChooseButton = QPushButton(self.filesGroup)
        self.fontBoldChooseButton.setObjectName(u"fontBoldChooseButton")
        self.fontBoldChooseButton.setAutoDefault(False)

        self.fontBoldRow.addWidget(self.fontBoldChooseButton)

        self.fontBoldRemoveButton = QPushButton(self.filesGroup)
        self.fontBoldRemoveButton.setObjectName(u"fontBoldRemoveButton")
        self.fontBoldRemoveButton.setAutoDefault(False)

        self.fontBoldRow.addWidget(self.fontBoldRemoveButton)


        self.filesForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.fontBoldRow)


        self.dialogLayout.addWidget(self.filesGroup)

        self.meetingsGroup = QGroupBox(settingsDialog)
        self.meetingsGroup.setObjectName(u"meetingsGroup")
        self.meetingsForm = QFormLayout(self.meetingsGroup)
        self.meetingsForm.setObjectName(u"meetingsForm")
        self.defaultCommitteeLabel = QLabel(self.meetingsGroup)
        self.defaultCommitteeLabel.setObjectName(u"defaultCommitteeLabel")

        self.meetingsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.defaultCommitteeLabel)

        self.defaultCommitteeCombo = FormChoiceCombo(self.meetingsGroup)
        self.defaultCommitteeCombo.setObjectName(u"defaultCommitteeCombo")

        self.meetingsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.defaultCommitteeCombo)

        self.minutesDateStyleLabel = QLabel(self.meetingsGroup)
        self.minutesDateStyleLabel.setObjectName(u"minutesDateStyleLabel")

        self.meetingsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.minutesDateStyleLabel)

        self.minutesDateStyleCombo = FormChoiceCombo(self.meetingsGroup)
        self.minutesDateStyleCombo.setObjectName(u"minutesDateStyleCombo")

        self.meetingsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.minutesDateStyleCombo)


        self.dialogLayout.addWidget(self.meetingsGroup)

        self.settingsHint = QLabel(settingsDialog)
        self.settingsHint.setObjectName(u"settingsHint")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.settingsHint.sizePolicy().hasHeightForWidth())
        self.settingsHint.setSizePolicy(sizePolicy)
        self.settingsHint.setTextFormat(Qt.TextFormat.PlainText)
        self.settingsHint.setWordWrap(True)

        self.dialogLayout.addWidget(self.settingsHint)

        self.buttons = QDialogButtonBox(settingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.authorityLabel.setBuddy(self.authorityEdit)
        self.mottoLabel.setBuddy(self.mottoEdit)
        self.serviceBlockLabel.setBuddy(self.serviceBlockEdit)
        self.serviceNameLabel.setBuddy(self.serviceNameEdit)
        self.townLabel.setBuddy(self.townEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.websiteLabel.setBuddy(self.websiteEdit)
        self.logoLabel.setBuddy(self.logoEdit)
        self.fontLabel.setBuddy(self.fontEdit)
        self.fontBoldLabel.setBuddy(self.fontBoldEdit)
        self.defaultCommitteeLabel.setBuddy(self.defaultCommitteeCombo)
        self.minutesDateStyleLabel.setBuddy(self.minutesDateStyleCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.authorityEdit, self.mottoEdit)
        QWidget.setTabOrder(self.mottoEdit, self.serviceBlockEdit)
        QWidget.setTabOrder(self.serviceBlockEdit, self.serviceNameEdit)
        QWidget.setTabOrder(self.serviceNameEdit, self.townEdit)
        QWidget.setTabOrder(self.townEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.websiteEdit)
        QWidget.setTabOrder(self.websiteEdit, self.logoEdit)
        QWidget.setTabOrder(self.logoEdit, self.logoChooseButton)
        QWidget.setTabOrder(self.logoChooseButton, self.logoRemoveButton)
        QWidget.setTabOrder(self.logoRemoveButton, self.fontEdit)
        QWidget.setTabOrder(self.fontEdit, self.fontChooseButton)
        QWidget.setTabOrder(self.fontChooseButton, self.fontRemoveButton)
        QWidget.setTabOrder(self.fontRemoveButton, self.fontBoldEdit)
        QWidget.setTabOrder(self.fontBoldEdit, self.fontBoldChooseButton)
        QWidget.setTabOrder(self.fontBoldChooseButton, self.fontBoldRemoveButton)
        QWidget.setTabOrder(self.fontBoldRemoveButton, self.defaultCommitteeCombo)
        QWidget.setTabOrder(self.defaultCommitteeCombo, self.minutesDateStyleCombo)

        self.retranslateUi(settingsDialog)
    # setupUi

    def retranslateUi(self, settingsDialog):
        settingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Param\u00e8tres", None))
#if QT_CONFIG(accessibility)
        settingsDialog.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Param\u00e8tres", None))
#endif // QT_CONFIG(accessibility)
        self.settingsIntro.setText(QCoreApplication.translate("SettingsDialog", u"Les modifications sont enregistr\u00e9es au fur et \u00e0 mesure\u00a0; Ctrl+Z annule la derni\u00e8re.", None))
        self.identityGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"En-t\u00eate des documents", None))
        self.authorityLabel.setText(QCoreApplication.translate("SettingsDialog", u"A&utorit\u00e9\u00a0:", None))
#if QT_CONFIG(tooltip)
        self.authorityEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"Une ligne imprim\u00e9e par ligne", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.authorityEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Autorit\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.authorityEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"PR\u00c9FET\n"
"DE LA HAUTE-MARNE", None))
        self.mottoLabel.setText(QCoreApplication.translate("SettingsDialog", u"De&vise\u00a0:", None))
#if QT_CONFIG(tooltip)
        self.mottoEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"Une ligne imprim\u00e9e par ligne", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.mottoEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Devise", None))
#endif // QT_CONFIG(accessibility)
        self.mottoEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Libert\u00e9\n"
"\u00c9galit\u00e9\n"
"Fraternit\u00e9", None))
        self.serviceBlockLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Bloc du service\u00a0:", None))
#if QT_CONFIG(tooltip)
        self.serviceBlockEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"Une ligne imprim\u00e9e par ligne", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.serviceBlockEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Bloc du service", None))
#endif // QT_CONFIG(accessibility)
        self.serviceBlockEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Secr\u00e9tariat G\u00e9n\u00e9ral\n"
"Commun\u2026", None))
        self.serviceNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"No&m du service\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.serviceNameEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Nom du service", None))
#endif // QT_CONFIG(accessibility)
        self.serviceNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"ex. SERVICE DE LA RELATION AUX USAGERS", None))
        self.townLabel.setText(QCoreApplication.translate("SettingsDialog", u"Vi&lle\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.townEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Ville", None))
#endif // QT_CONFIG(accessibility)
        self.townEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"ex. Chaumont", None))
        self.phoneLabel.setText(QCoreApplication.translate("SettingsDialog", u"&T\u00e9l\u00e9phone\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.phoneEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"T\u00e9l\u00e9phone", None))
#endif // QT_CONFIG(accessibility)
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"ex. 03 25 30 22 22", None))
        self.emailLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Courriel\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.emailEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Courriel", None))
#endif // QT_CONFIG(accessibility)
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"ex. pref-accueil@haute-marne.gouv.fr", None))
        self.websiteLabel.setText(QCoreApplication.translate("SettingsDialog", u"Site &internet\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.websiteEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Site internet", None))
#endif // QT_CONFIG(accessibility)
        self.websiteEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"ex. www.haute-marne.gouv.fr", None))
        self.filesGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Logo et polices", None))
        self.logoLabel.setText(QCoreApplication.translate("SettingsDialog", u"L&ogo\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.logoEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Fichier \u2014 Logo", None))
#endif // QT_CONFIG(accessibility)
        self.logoEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"aucun fichier", None))
#if QT_CONFIG(accessibility)
        self.logoChooseButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Choisir le fichier \u2014 Logo", None))
#endif // QT_CONFIG(accessibility)
        self.logoChooseButton.setText(QCoreApplication.translate("SettingsDialog", u"Choisir\u2026", None))
#if QT_CONFIG(accessibility)
        self.logoRemoveButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Retirer le fichier \u2014 Logo", None))
#endif // QT_CONFIG(accessibility)
        self.logoRemoveButton.setText(QCoreApplication.translate("SettingsDialog", u"Retirer", None))
#if QT_CONFIG(accessibility)
        self.logoPreview.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Aper\u00e7u du logo", None))
#endif // QT_CONFIG(accessibility)
        self.fontLabel.setText(QCoreApplication.translate("SettingsDialog", u"Police &normale\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.fontEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Fichier \u2014 Police normale", None))
#endif // QT_CONFIG(accessibility)
        self.fontEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"aucun fichier", None))
#if QT_CONFIG(accessibility)
        self.fontChooseButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Choisir le fichier \u2014 Police normale", None))
#endif // QT_CONFIG(accessibility)
        self.fontChooseButton.setText(QCoreApplication.translate("SettingsDialog", u"Choisir\u2026", None))
#if QT_CONFIG(accessibility)
        self.fontRemoveButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Retirer le fichier \u2014 Police normale", None))
#endif // QT_CONFIG(accessibility)
        self.fontRemoveButton.setText(QCoreApplication.translate("SettingsDialog", u"Retirer", None))
        self.fontBoldLabel.setText(QCoreApplication.translate("SettingsDialog", u"Police &grasse\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.fontBoldEdit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Fichier \u2014 Police grasse", None))
#endif // QT_CONFIG(accessibility)
        self.fontBoldEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"aucun fichier", None))
#if QT_CONFIG(accessibility)
        self.fontBoldChooseButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Choisir le fichier \u2014 Police grasse", None))
#endif // QT_CONFIG(accessibility)
        self.fontBoldChooseButton.setText(QCoreApplication.translate("SettingsDialog", u"Choisir\u2026", None))
#if QT_CONFIG(accessibility)
        self.fontBoldRemoveButton.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Retirer le fichier \u2014 Police grasse", None))
#endif // QT_CONFIG(accessibility)
        self.fontBoldRemoveButton.setText(QCoreApplication.translate("SettingsDialog", u"Retirer", None))
        self.meetingsGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"S\u00e9ances", None))
        self.defaultCommitteeLabel.setText(QCoreApplication.translate("SettingsDialog", u"Comit\u00e9 par &d\u00e9faut\u00a0:", None))
#if QT_CONFIG(tooltip)
        self.defaultCommitteeCombo.setToolTip(QCoreApplication.translate("SettingsDialog", u"Le comit\u00e9 des s\u00e9ances cr\u00e9\u00e9es par \u00ab Nouvelle s\u00e9ance \u00bb", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.defaultCommitteeCombo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Comit\u00e9 par d\u00e9faut des nouvelles s\u00e9ances", None))
#endif // QT_CONFIG(accessibility)
        self.minutesDateStyleLabel.setText(QCoreApplication.translate("SettingsDialog", u"D&ate du compte-rendu\u00a0:", None))
#if QT_CONFIG(tooltip)
        self.minutesDateStyleCombo.setToolTip(QCoreApplication.translate("SettingsDialog", u"Comment le compte-rendu imprime sa date\u00a0: \u00ab Chaumont, le 8 avril 2024 \u00bb ou \u00ab Chaumont, le 08 AVR. 2024 \u00bb", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.minutesDateStyleCombo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Style de la date du compte-rendu", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.settingsHint.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Valeur \u00e0 compl\u00e9ter", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

