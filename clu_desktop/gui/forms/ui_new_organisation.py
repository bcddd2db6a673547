# Generated from ui/new_organisation.ui by scripts/compile-ui (pyside6-uic): do not edit.
# Edit the form in Qt Designer, then run scripts/compile-ui.
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_NewOrganisationDialog(object):
    def setupUi(self, newOrganisationDialog):
        if not newOrganisationDialog.objectName():
            newOrganisationDialog.setObjectName(u"newOrganisationDialog")
        newOrganisationDialog.setMinimumSize(QSize(480, 0))
        self.dialogLayout = QVBoxLayout(newOrganisationDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.newOrganisationNameLabel = QLabel(newOrganisationDialog)
        self.newOrganisationNameLabel.setObjectName(u"newOrganisationNameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.newOrganisationNameLabel)

        self.newOrganisationName = QLineEdit(newOrganisationDialog)
        self.newOrganisationName.setObjectName(u"newOrganisationName")
        self.newOrganisationName.setMaxLength(300)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.newOrganisationName)

        self.newOrganisationAcronymLabel = QLabel(newOrganisationDialog)
        self.newOrganisationAcronymLabel.setObjectName(u"newOrganisationAcronymLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.newOrganisationAcronymLabel)

        self.newOrganisationAcronym = QLineEdit(newOrganisationDialog)
        self.newOrganisationAcronym.setObjectName(u"newOrganisationAcronym")
        self.newOrganisationAcronym.setMaxLength(50)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.newOrganisationAcronym)

        self.newOrganisationInternal = QCheckBox(newOrganisationDialog)
        self.newOrganisationInternal.setObjectName(u"newOrganisationInternal")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.newOrganisationInternal)


        self.dialogLayout.addLayout(self.form)

        self.buttons = QDialogButtonBox(newOrganisationDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.NoButton)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.newOrganisationNameLabel.setBuddy(self.newOrganisationName)
        self.newOrganisationAcronymLabel.setBuddy(self.newOrganisationAcronym)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.newOrganisationName, self.newOrganisationAcronym)
        QWidget.setTabOrder(self.newOrganisationAcronym, self.newOrganisationInternal)

        self.retranslateUi(newOrganisationDialog)
    # setupUi

    def retranslateUi(self, newOrganisationDialog):
        newOrganisationDialog.setWindowTitle(QCoreApplication.translate("NewOrganisationDialog", u"Nouvel organisme", None))
#if QT_CONFIG(accessibility)
        newOrganisationDialog.setAccessibleName(QCoreApplication.translate("NewOrganisationDialog", u"Nouvel organisme", None))
#endif // QT_CONFIG(accessibility)
        self.newOrganisationNameLabel.setText(QCoreApplication.translate("NewOrganisationDialog", u"&Nom\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newOrganisationName.setAccessibleName(QCoreApplication.translate("NewOrganisationDialog", u"Nom de l'organisme", None))
#endif // QT_CONFIG(accessibility)
        self.newOrganisationAcronymLabel.setText(QCoreApplication.translate("NewOrganisationDialog", u"&Sigle\u00a0:", None))
#if QT_CONFIG(accessibility)
        self.newOrganisationAcronym.setAccessibleName(QCoreApplication.translate("NewOrganisationDialog", u"Sigle", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newOrganisationInternal.setAccessibleName(QCoreApplication.translate("NewOrganisationDialog", u"Service de la pr\u00e9fecture", None))
#endif // QT_CONFIG(accessibility)
        self.newOrganisationInternal.setText(QCoreApplication.translate("NewOrganisationDialog", u"Service de la pr\u00e9fec&ture", None))
    # retranslateUi

