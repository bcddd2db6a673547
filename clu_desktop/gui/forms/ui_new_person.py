# Generated from ui/new_person.ui by scripts/compile-ui (pyside6-uic): do not edit.
# Edit the form in Qt Designer, then run scripts/compile-ui.
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_NewPersonDialog(object):
    def setupUi(self, newPersonDialog):
        if not newPersonDialog.objectName():
            newPersonDialog.setObjectName(u"newPersonDialog")
        newPersonDialog.setMinimumSize(QSize(480, 0))
        self.dialogLayout = QVBoxLayout(newPersonDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.newPersonCivilityLabel = QLabel(newPersonDialog)
        self.newPersonCivilityLabel.setObjectName(u"newPersonCivilityLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.newPersonCivilityLabel)

        self.newPersonCivility = QComboBox(newPersonDialog)
        self.newPersonCivility.setObjectName(u"newPersonCivility")
        self.newPersonCivility.setEditable(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.newPersonCivility)

        self.newPersonFirstNameLabel = QLabel(newPersonDialog)
        self.newPersonFirstNameLabel.setObjectName(u"newPersonFirstNameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.newPersonFirstNameLabel)

        self.newPersonFirstName = QLineEdit(newPersonDialog)
        self.newPersonFirstName.setObjectName(u"newPersonFirstName")
        self.newPersonFirstName.setMaxLength(100)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.newPersonFirstName)

        self.newPersonLastNameLabel = QLabel(newPersonDialog)
        self.newPersonLastNameLabel.setObjectName(u"newPersonLastNameLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.newPersonLastNameLabel)

        self.newPersonLastName = QLineEdit(newPersonDialog)
        self.newPersonLastName.setObjectName(u"newPersonLastName")
        self.newPersonLastName.setMaxLength(100)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.newPersonLastName)

        self.newPersonFunctionLabel = QLabel(newPersonDialog)
        self.newPersonFunctionLabel.setObjectName(u"newPersonFunctionLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.newPersonFunctionLabel)

        self.newPersonFunction = QLineEdit(newPersonDialog)
        self.newPersonFunction.setObjectName(u"newPersonFunction")
        self.newPersonFunction.setMaxLength(300)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.newPersonFunction)

        self.newPersonOrganisationLabel = QLabel(newPersonDialog)
        self.newPersonOrganisationLabel.setObjectName(u"newPersonOrganisationLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.newPersonOrganisationLabel)

        self.newPersonOrganisation = QComboBox(newPersonDialog)
        self.newPersonOrganisation.setObjectName(u"newPersonOrganisation")
        self.newPersonOrganisation.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.newPersonOrganisation.setMinimumContentsLength(30)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.newPersonOrganisation)

        self.newPersonEmailLabel = QLabel(newPersonDialog)
        self.newPersonEmailLabel.setObjectName(u"newPersonEmailLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.newPersonEmailLabel)

        self.newPersonEmail = QLineEdit(newPersonDialog)
        self.newPersonEmail.setObjectName(u"newPersonEmail")
        self.newPersonEmail.setMaxLength(254)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.newPersonEmail)

        self.newPersonPhoneLabel = QLabel(newPersonDialog)
        self.newPersonPhoneLabel.setObjectName(u"newPersonPhoneLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.newPersonPhoneLabel)

        self.newPersonPhone = QLineEdit(newPersonDialog)
        self.newPersonPhone.setObjectName(u"newPersonPhone")
        self.newPersonPhone.setMaxLength(50)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.newPersonPhone)


        self.dialogLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(newPersonDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.NoButton)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.newPersonCivilityLabel.setBuddy(self.newPersonCivility)
        self.newPersonFirstNameLabel.setBuddy(self.newPersonFirstName)
        self.newPersonLastNameLabel.setBuddy(self.newPersonLastName)
        self.newPersonFunctionLabel.setBuddy(self.newPersonFunction)
        self.newPersonOrganisationLabel.setBuddy(self.newPersonOrganisation)
        self.newPersonEmailLabel.setBuddy(self.newPersonEmail)
        self.newPersonPhoneLabel.setBuddy(self.newPersonPhone)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.newPersonCivility, self.newPersonFirstName)
        QWidget.setTabOrder(self.newPersonFirstName, self.newPersonLastName)
        QWidget.setTabOrder(self.newPersonLastName, self.newPersonFunction)
        QWidget.setTabOrder(self.newPersonFunction, self.newPersonOrganisation)
        QWidget.setTabOrder(self.newPersonOrganisation, self.newPersonEmail)
        QWidget.setTabOrder(self.newPersonEmail, self.newPersonPhone)

        self.retranslateUi(newPersonDialog)
    # setupUi

    def retranslateUi(self, newPersonDialog):
        newPersonDialog.setWindowTitle(QCoreApplication.translate("NewPersonDialog", u"Nouvelle personne", None))
#if QT_CONFIG(accessibility)
        newPersonDialog.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"Nouvelle personne", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonCivilityLabel.setText(QCoreApplication.translate("NewPersonDialog", u"&Civilit\u00e9\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonCivility.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"Civilit\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonFirstNameLabel.setText(QCoreApplication.translate("NewPersonDialog", u"Pr\u00e9n&om\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonFirstName.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"Pr\u00e9nom", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonLastNameLabel.setText(QCoreApplication.translate("NewPersonDialog", u"&NOM\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonLastName.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"NOM", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonFunctionLabel.setText(QCoreApplication.translate("NewPersonDialog", u"Fonc&tion\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonFunction.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"Fonction", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonOrganisationLabel.setText(QCoreApplication.translate("NewPersonDialog", u"Organ&isme\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonOrganisation.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"Organisme", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonEmailLabel.setText(QCoreApplication.translate("NewPersonDialog", u"Courrie&l\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonEmail.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"Courriel", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonEmail.setPlaceholderText(QCoreApplication.translate("NewPersonDialog", u"prenom.nom@exemple.fr", None))
        self.newPersonPhoneLabel.setText(QCoreApplication.translate("NewPersonDialog", u"T\u00e9l\u00e9p&hone\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newPersonPhone.setAccessibleName(QCoreApplication.translate("NewPersonDialog", u"T\u00e9l\u00e9phone", None))
#endif // QT_CONFIG(accessibility)
        self.newPersonPhone.setPlaceholderText(QCoreApplication.translate("NewPersonDialog", u"03 25 30 21 05", None))
    # retranslateUi

