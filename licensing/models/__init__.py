from licensing.models.documents import LicenceDocument
from licensing.models.letters import OfficeLetterhead, RecommendationLetter
from licensing.models.licence_types import LicenceType
from licensing.models.licences import Licence
from licensing.models.p3dn import P3dnParticipation
from licensing.models.status_changes import LicenceStatusChange

__all__ = [
    "Licence",
    "LicenceDocument",
    "LicenceStatusChange",
    "LicenceType",
    "OfficeLetterhead",
    "P3dnParticipation",
    "RecommendationLetter",
]
