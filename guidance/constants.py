from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseGoal(models.TextChoices):
    """What the IKM asks help with: a licence from the catalogue, or one of the other aims."""

    LICENCE = "licence", _("A licence or certificate")
    PACKAGING = "packaging", _("Packaging")
    QUALITY = "quality", _("Product quality")
    MARKETING = "marketing", _("Marketing")
    FINANCING = "financing", _("Financing")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_CASE_STATUSES = frozenset({CaseStatus.SUBMITTED, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS})


class CaseOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("Succeeded")
    NOT_SUCCEEDED = "not_succeeded", _("Not succeeded")


class CaseEntryKind(models.TextChoices):
    STATUS = "status", _("Status change")
    NOTE = "note", _("Note")
    REASSIGNMENT = "reassign", _("Reassignment")
    VISIT = "visit", _("Visit")
    DOCUMENT = "document", _("Document")
    LICENCE = "licence", _("Licence record")


# Days a case may stay open before it counts as overdue, when the office set none for its goal.
DEFAULT_OVERDUE_DAYS = 14
MAX_OVERDUE_DAYS = 365


class CaseQueue(models.TextChoices):
    """The work queues of the staff's case list (`guidance.filters.CaseQueueFilter`)."""

    MINE = "mine", _("Assigned to me")
    UNASSIGNED = "unassigned", _("Unassigned")
    OVERDUE = "overdue", _("Overdue")
    OPEN = "open", _("All open")
    CLOSED = "closed", _("Closed cases")


# Activities (kegiatan pembinaan)


class ActivityKind(models.TextChoices):
    SOSIALISASI = "sosialisasi", _("Socialisation (sosialisasi)")
    BIMTEK = "bimtek", _("Technical guidance (bimtek)")
    PELATIHAN = "pelatihan", _("Training")
    CERTIFICATION = "sertifikasi", _("Certification facilitation")
    PENDAMPINGAN = "pendampingan", _("Mentoring (pendampingan)")
    EXHIBITION = "pameran", _("Exhibition")
    EQUIPMENT = "peralatan", _("Equipment aid")
    P3DN_MATCHING = "p3dn", _("P3DN business matching")


class ActivityOrganiser(models.TextChoices):
    """Who organises an activity: the city office, the province office, or both (joint)."""

    CITY = "city", _("City/regency office")
    PROVINCE = "province", _("Province office")
    JOINT = "joint", _("Joint (city and province)")


class BudgetSource(models.TextChoices):
    APBD_CITY = "apbd_kota", _("APBD kota/kabupaten")
    APBD_PROVINCE = "apbd_provinsi", _("APBD provinsi")
    DAK = "dak", _("DAK")
    APBN = "apbn", _("APBN")
    OTHER = "other", _("Other")
