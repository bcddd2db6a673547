"""How the check reads the names of a spreadsheet: the user's choices for this file
first, then the catalogue (code or exact name, case and accents aside: the RowChecker),
then the mappings remembered (``mappings``). Each distinct text is
read once. What is to be created gets an id below zero until the import creates it;
the ``Plan`` gathers what a ready check would write."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_names import (
    INDICATOR,
    REMEMBERED_NOTE,
    SITE,
    NameChoices,
)
from clu_desktop.interchange.indicators_plan import (
    AllSites,
    Confirmed,
    CreateIndicator,
    CreateSite,
    Ignore,
    IndicatorChoice,
    MapTo,
    Plan,
    SiteChoice,
)
from clu_desktop.interchange.indicators_rows import CatalogueIndicator, RowError
from clu_desktop.rules.indicators import ALL_SITES_LABEL, check_periodicity, fold, mapping_key
from clu_desktop.services.indicators.mappings import stored_targets
from clu_desktop.services.indicators.rows import RowChecker

CHOSEN_NOTE = "(correspondance choisie)"
NEW_INDICATOR_NOTE = "(nouvel indicateur)"
NEW_SITE_NOTE = "(nouveau site)"


# What a name reads as:
#   ("found", CatalogueIndicator, note)                  an indicator
#   ("found", site id or None, site name or None, note)  a site (None: « Ensemble »)
#   ("ignore",)                                          lines left out
#   ("unknown",)                                         to report, with suggestions
Left = tuple[Literal["ignore"]] | tuple[Literal["unknown"]]
IndicatorReading = tuple[Literal["found"], CatalogueIndicator, str | None] | Left
SiteReading = tuple[Literal["found"], int | None, str | None, str | None] | Left


class NameReader:
    def __init__(self, session: Session, checker: RowChecker, choices: NameChoices) -> None:
        self.checker = checker
        self.stored = stored_targets(session)
        self.choices: dict[str, dict[str, IndicatorChoice | SiteChoice]] = {
            INDICATOR: {mapping_key(w): c for w, c in choices.indicators.items()},
            SITE: {mapping_key(w): c for w, c in choices.sites.items()},
        }
        self.plan = Plan()
        self.remembered: dict[str, str] = {}  # first spelling → target, for the preview
        self._remembered_keys: set[tuple[str, str]] = set()
        self._confirmed_keys: set[tuple[str, str]] = set()
        self._new_ids: dict[tuple[str, str], int] = {}
        self._indicators: dict[str, IndicatorReading | tuple[Literal["error"], RowError]] = {}
        self._sites: dict[str, SiteReading] = {}

    def _remember(self, kind: str, text: str, label: str) -> None:
        key = (kind, mapping_key(text))
        if key not in self._remembered_keys:
            self._remembered_keys.add(key)
            self.remembered[text.strip()] = label

    def _confirm(
        self,
        kind: str,
        text: str,
        choice: IndicatorChoice | SiteChoice,
        new_id: int | None = None,
    ) -> None:
        key = (kind, mapping_key(text))
        if key not in self._confirmed_keys:
            self._confirmed_keys.add(key)
            self.plan.confirmed.append(Confirmed(kind, text.strip(), choice, new_id))

    def _new_id(self, kind: str, name: str) -> int:
        """One placeholder per name created: two spellings choosing « create X » make one X."""
        key = (kind, mapping_key(name))
        if key not in self._new_ids:
            self._new_ids[key] = -(len(self._new_ids) + 1)
        return self._new_ids[key]

    def indicator(self, text: str) -> IndicatorReading:
        """What an indicator cell reads as; RowError for an empty cell or a name shared by
        two indicators; UserError for a choice of an indicator deleted meanwhile."""
        if text not in self._indicators:
            try:
                self._indicators[text] = self._read_indicator(text)
            except RowError as exc:
                self._indicators[text] = ("error", exc)
        result = self._indicators[text]
        if result[0] == "error":
            raise result[1]
        return result

    def _read_indicator(self, text: str) -> IndicatorReading:
        choice = self.choices[INDICATOR].get(mapping_key(text)) if fold(text) else None
        if isinstance(choice, Ignore):
            self._confirm(INDICATOR, text, choice)
            return ("ignore",)
        if isinstance(choice, MapTo):
            target = self.checker.by_id.get(choice.target_id)
            if target is None:
                raise UserError("Un indicateur choisi n'existe plus (il a peut-être été supprimé).")
            self._confirm(INDICATOR, text, choice)
            return ("found", target, CHOSEN_NOTE)
        if isinstance(choice, CreateIndicator):
            periodicity = str(check_periodicity(choice.periodicity))
            new_id = self._new_id(INDICATOR, choice.name)
            self.plan.new_indicators.setdefault(new_id, choice)
            self._confirm(INDICATOR, text, choice, new_id)
            made = CatalogueIndicator(
                new_id, choice.code or choice.name, choice.name, choice.unit, "higher", periodicity
            )
            return ("found", made, NEW_INDICATOR_NOTE)
        found = self.checker.find_indicator(text)
        if found is not None:
            return ("found", found, None)
        stored = self.stored.get((INDICATOR, mapping_key(text)))
        if stored is not None:
            if stored.ignored:
                self._remember(INDICATOR, text, stored.target_label)
                return ("ignore",)
            target_id = stored.target_id
            target = None if target_id is None else self.checker.by_id.get(target_id)
            if target is not None:
                self._remember(INDICATOR, text, stored.target_label)
                return ("found", target, REMEMBERED_NOTE)
        return ("unknown",)

    def site(self, text: str) -> SiteReading:
        """What a site cell reads as (empty or « Ensemble »: no site)."""
        if text not in self._sites:
            self._sites[text] = self._read_site(text)
        return self._sites[text]

    def _read_site(self, text: str) -> SiteReading:
        if not fold(text):
            return ("found", None, None, None)
        choice = self.choices[SITE].get(mapping_key(text))
        if choice is not None:
            return self._chosen_site(text, choice)
        found = self.checker.find_site(text)
        if found is not None:
            return ("found", found[0], found[1], None)
        if fold(text) == fold(ALL_SITES_LABEL):
            return ("found", None, None, None)
        stored = self.stored.get((SITE, mapping_key(text)))
        if stored is not None:
            if stored.ignored:
                self._remember(SITE, text, stored.target_label)
                return ("ignore",)
            target_id = stored.target_id
            name = None if target_id is None else self.checker.site_names.get(target_id)
            if stored.target_id is None or name is not None:
                self._remember(SITE, text, stored.target_label)
                return ("found", stored.target_id, name, REMEMBERED_NOTE)
        return ("unknown",)

    def _chosen_site(self, text: str, choice: IndicatorChoice | SiteChoice) -> SiteReading:
        if isinstance(choice, Ignore):
            self._confirm(SITE, text, choice)
            return ("ignore",)
        if isinstance(choice, AllSites):
            self._confirm(SITE, text, choice)
            return ("found", None, None, CHOSEN_NOTE)
        if isinstance(choice, MapTo):
            name = self.checker.site_names.get(choice.target_id)
            if name is None:
                raise UserError("Un site choisi n'existe plus (il a peut-être été supprimé).")
            self._confirm(SITE, text, choice)
            return ("found", choice.target_id, name, CHOSEN_NOTE)
        if isinstance(choice, CreateSite):
            new_id = self._new_id(SITE, choice.name)
            self.plan.new_sites.setdefault(new_id, choice)
            self._confirm(SITE, text, choice, new_id)
            return ("found", new_id, choice.name, NEW_SITE_NOTE)
        raise TypeError(f"not a site choice: {choice!r}")
