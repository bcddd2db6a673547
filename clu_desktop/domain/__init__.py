"""The domain model: every table of CLU Desktop, as SQLAlchemy typed ORM classes."""

from clu_desktop.domain.base import Base
from clu_desktop.domain.directory import Committee, CommitteeMember, Organisation, Person
from clu_desktop.domain.documents import Annex, AnnexKind, Identity, Setting
from clu_desktop.domain.indicators import (
    Direction,
    Indicator,
    IndicatorValue,
    Periodicity,
    Site,
)
from clu_desktop.domain.meetings import (
    Action,
    ActionOrigin,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Invitation,
    Meeting,
    MeetingStatus,
    SignatureEvent,
    SignatureKind,
    Statement,
    StatementKind,
    StatementSpeaker,
)
from clu_desktop.domain.quality import (
    Audit,
    AuditKind,
    Finding,
    FindingKind,
    Label,
    Referential,
    ReferentialModule,
)

__all__ = [
    "Action",
    "ActionOrigin",
    "ActionStatus",
    "AgendaItem",
    "Annex",
    "AnnexKind",
    "AttendanceStatus",
    "Audit",
    "AuditKind",
    "Base",
    "Committee",
    "CommitteeMember",
    "Direction",
    "Finding",
    "FindingKind",
    "Identity",
    "Indicator",
    "IndicatorValue",
    "Invitation",
    "Label",
    "Meeting",
    "MeetingStatus",
    "Organisation",
    "Periodicity",
    "Person",
    "Referential",
    "ReferentialModule",
    "Setting",
    "SignatureEvent",
    "SignatureKind",
    "Site",
    "Statement",
    "StatementKind",
    "StatementSpeaker",
]
