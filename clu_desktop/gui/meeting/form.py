"""The widgets of the "Séance" page, laid out in four groups; no behaviour here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.checklist import CheckList, CheckListModel
from clu_desktop.gui.common.widgets import (
    ChoiceCombo,
    ChoiceModel,
    DateEdit,
    SearchableCombo,
    TimeEdit,
)

NO_PERSON = "(aucune personne)"
NO_SECRETARY = "Aucun secrétaire de séance choisi."
FORM_MAX_WIDTH = 880
TEXT_LINES = 5


def _named(widget: QWidget, object_name: str, accessible_name: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


def _line(object_name: str, accessible_name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    _named(edit, object_name, accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def _text(object_name: str, accessible_name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    _named(edit, object_name, accessible_name)
    edit.setTabChangesFocus(True)
    lines = edit.fontMetrics().lineSpacing() * TEXT_LINES
    edit.setFixedHeight(lines + 2 * edit.frameWidth() + 8)
    return edit


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _clear_button(object_name: str, accessible_name: str, text: str = "Effacer") -> QToolButton:
    """A button beside an optional date, for the mouse: the keyboard empties the date
    with Suppr, and Tab goes from the date to the next field."""
    button = QToolButton()
    button.setText(text)
    _named(button, object_name, accessible_name)
    button.setToolTip(f"{accessible_name} (au clavier\u00a0: Suppr dans la date)")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


# Mnemonics: the page shares Alt with the main window's menus and tabs, which leave 16
# letters for about twenty fields; the fields of the meeting itself have them, the rest
# of the form is reached with Tab (tests/gui/test_keys_mnemonics.py checks no letter
# opens two things).


def _add(form: QFormLayout, caption: str, field: QWidget, layout=None) -> None:
    label = QLabel(caption)
    label.setBuddy(field)
    form.addRow(label, layout if layout is not None else field)


def _group(title: str, object_name: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    box.setObjectName(object_name)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return box, form


class MeetingForm(QWidget):
    """Every editor of a meeting's details, in reading (and tab) order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingForm")
        self.committee_model = ChoiceModel(parent=self)
        self.people_model = ChoiceModel(NO_PERSON, self)
        self.status_model = ChoiceModel(parent=self)
        self.secretaries_model = CheckListModel(self)

        layout = QVBoxLayout(self)
        boxes = [self._meeting_box(), self._minutes_box(), self._contact_box()]
        for box in boxes:
            layout.addWidget(box)
        layout.addWidget(self._texts_box())
        # One label column for the three forms, so that their fields line up.
        labels = [label for box in boxes for label in box.findChildren(QLabel) if label.buddy()]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
        layout.addStretch(1)
        self.setMaximumWidth(FORM_MAX_WIDTH)

        self.editors: list[QWidget] = [
            self.committee_combo,
            self.title_edit,
            self.date_edit,
            self.convocation_edit,
            self.start_edit,
            self.end_edit,
            self.place_edit,
            self.chair_combo,
            self.secretaries_view,
            self.status_combo,
            self.minutes_place_edit,
            self.minutes_date_edit,
            self.publication_edit,
            self.delegation_combo,
            self.signatory_combo,
            self.signatory_title_edit,
            self.signatory_name_edit,
            self.contact_combo,
            self.contact_name_edit,
            self.contact_phone_edit,
            self.contact_email_edit,
            self.opening_edit,
            self.closing_edit,
        ]
        # Beside their dates, for the mouse (Suppr in the date does the same): no Tab stop.
        self.clear_buttons = [self.convocation_clear, self.undated_button, self.publication_clear]
        for first, second in zip(self.editors, self.editors[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _people_combo(self, object_name: str, accessible_name: str) -> SearchableCombo:
        combo = SearchableCombo(self.people_model)
        _named(combo, object_name, accessible_name)
        combo.setToolTip("Tapez une partie du nom ou de l'organisme pour chercher")
        return combo

    def _meeting_box(self) -> QGroupBox:
        box, form = _group("Séance", "meetingGroup")
        self.committee_combo = ChoiceCombo(self.committee_model)
        _named(self.committee_combo, "committeeCombo", "Comité")
        self.title_edit = _line("titleEdit", "Intitulé de la séance")
        self.date_edit = _named(DateEdit(), "dateEdit", "Date de la séance")
        self.convocation_edit = _named(
            DateEdit(optional=True, empty_text="non précisée"),
            "convocationDateEdit",
            "Date de convocation",
        )
        self.convocation_edit.setToolTip(
            "Imprimée sur la convocation et le compte-rendu ; non précisée, la convocation "
            "porte la date du jour où elle est produite"
        )
        self.convocation_clear = _clear_button(
            "convocationClearButton", "Retirer la date de convocation"
        )
        self.start_edit = _named(TimeEdit(), "startTimeEdit", "Heure de début")
        self.end_edit = _named(TimeEdit(), "endTimeEdit", "Heure de fin")
        self.place_edit = _line("placeEdit", "Lieu de la séance", "ex. Salle Louise Michel")
        self.chair_combo = self._people_combo("chairCombo", "Présidence de la séance")
        self.secretaries = CheckList(
            self.secretaries_model, "Secrétaire(s) de séance", NO_SECRETARY, rows=5
        )
        self.secretaries_view = _named(
            self.secretaries.view, "secretariesList", "Secrétaire(s) de séance"
        )
        self.secretaries_view.setToolTip(
            "Cochez une ou plusieurs personnes parmi les invités de la séance (Espace coche)"
        )
        self.secretaries.summary.setObjectName("secretariesSummary")
        self.status_combo = ChoiceCombo(self.status_model)
        _named(self.status_combo, "statusCombo", "Statut de la séance")

        _add(form, "Co&mité\u00a0:", self.committee_combo)
        _add(form, "In&titulé\u00a0:", self.title_edit)
        _add(form, "Dat&e\u00a0:", self.date_edit, _row(self.date_edit))
        _add(
            form,
            "Date de con&vocation\u00a0:",
            self.convocation_edit,
            _row(self.convocation_edit, self.convocation_clear),
        )
        times = _row(QLabel("de"), self.start_edit, QLabel("à"), self.end_edit)
        _add(form, "&Horaire\u00a0:", self.start_edit, times)
        _add(form, "&Lieu\u00a0:", self.place_edit)
        _add(form, "Présidence\u00a0:", self.chair_combo)
        _add(form, "Secrétaire(s) de séance\u00a0:", self.secretaries_view, self.secretaries)
        _add(form, "Stat&ut\u00a0:", self.status_combo, _row(self.status_combo))
        return box

    def _minutes_box(self) -> QGroupBox:
        box, form = _group("Compte-rendu", "minutesGroup")
        self.minutes_place_edit = _line(
            "minutesPlaceEdit", "Lieu de signature du compte-rendu", "ex. Chaumont"
        )
        self.minutes_date_edit = _named(
            DateEdit(optional=True), "minutesDateEdit", "Date de signature du compte-rendu"
        )
        self.undated_button = _clear_button(
            "minutesUndatedButton", "Retirer la date de signature", "Non daté"
        )
        self.publication_edit = _named(
            DateEdit(optional=True, empty_text="non précisée"),
            "publicationDateEdit",
            "Date d'affichage ou de publication",
        )
        self.publication_edit.setToolTip("Imprimée au compte-rendu : « Affiché / publié le … »")
        self.publication_clear = _clear_button(
            "publicationClearButton", "Retirer la date d'affichage ou de publication"
        )
        self.delegation_combo = QComboBox()
        self.delegation_combo.setEditable(True)
        self.delegation_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        _named(self.delegation_combo, "delegationCombo", "Formule de délégation")
        self.delegation_combo.setToolTip("Choisissez une formule ou tapez la vôtre")
        self.signatory_combo = self._people_combo("signatoryCombo", "Signataire")
        self.signatory_title_edit = _line(
            "signatoryTitleEdit", "Titre du signataire", "ex. Le Secrétaire Général"
        )
        self.signatory_name_edit = _line(
            "signatoryNameEdit", "Nom imprimé du signataire", "ex. Guillaume THIRARD"
        )

        _add(form, "Lieu de signature\u00a0:", self.minutes_place_edit)
        _add(
            form,
            "Date de signature\u00a0:",
            self.minutes_date_edit,
            _row(self.minutes_date_edit, self.undated_button),
        )
        _add(
            form,
            "Affiché / pu&blié le\u00a0:",
            self.publication_edit,
            _row(self.publication_edit, self.publication_clear),
        )
        _add(form, "Formule de délégation\u00a0:", self.delegation_combo)
        _add(form, "Signataire\u00a0:", self.signatory_combo)
        _add(form, "Titre du signataire\u00a0:", self.signatory_title_edit)
        _add(form, "Nom imprimé du signataire\u00a0:", self.signatory_name_edit)
        form.addRow(
            _note(
                "Le titre et le nom imprimés sont repris de l'annuaire quand on choisit "
                "le signataire\u00a0; ils restent modifiables."
            )
        )
        return box

    def _contact_box(self) -> QGroupBox:
        box, form = _group("Affaire suivie par", "contactGroup")
        self.contact_combo = self._people_combo("contactCombo", "Agent qui suit l'affaire")
        self.contact_name_edit = _line(
            "contactNameEdit", "Nom imprimé de l'agent", "ex. Mylène BÉGUÉ"
        )
        self.contact_phone_edit = _line(
            "contactPhoneEdit", "Téléphone de l'agent", "ex. 03 25 30 21 05"
        )
        self.contact_email_edit = _line(
            "contactEmailEdit", "Courriel de l'agent", "ex. prenom.nom@haute-marne.gouv.fr"
        )
        _add(form, "Agent\u00a0:", self.contact_combo)
        _add(form, "Nom imprimé de l'agent\u00a0:", self.contact_name_edit)
        _add(form, "Téléphone\u00a0:", self.contact_phone_edit)
        _add(form, "Courriel\u00a0:", self.contact_email_edit)
        form.addRow(
            _note(
                "Le nom, le téléphone et le courriel imprimés dans l'en-tête sont repris "
                "de l'annuaire quand on choisit l'agent\u00a0; ils restent modifiables."
            )
        )
        return box

    def _texts_box(self) -> QGroupBox:
        box, form = _group("Ouverture et clôture", "textsGroup")
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.opening_edit = _text("openingTextEdit", "Texte d'ouverture de la séance")
        self.closing_edit = _text("closingTextEdit", "Texte de clôture de la séance")
        _add(form, "Te&xte d'ouverture\u00a0:", self.opening_edit)
        _add(form, "Texte de clôture\u00a0:", self.closing_edit)
        return box
