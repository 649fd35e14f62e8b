"""The guidance app's models, split by noun: cases (pendampingan), activities (kegiatan) and
the dashboard's city summaries."""

from guidance.models.activities import (
    Activity,
    ActivityParticipant,
    ActivityQuerySet,
    province_code,
)
from guidance.models.cases import (
    OPEN_STATUS_LIST,
    Case,
    CaseDocument,
    CaseEntry,
    CaseQuerySet,
    OverdueRule,
    case_document_path,
)
from guidance.models.summaries import CitySummary

__all__ = [
    "OPEN_STATUS_LIST",
    "Activity",
    "ActivityParticipant",
    "ActivityQuerySet",
    "Case",
    "CaseDocument",
    "CaseEntry",
    "CaseQuerySet",
    "CitySummary",
    "OverdueRule",
    "case_document_path",
    "province_code",
]
