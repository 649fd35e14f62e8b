"""Writes to licences and the records around them: one function per change, each atomic,
validated and recorded. Split by noun; the public functions are importable from here.

- `lifecycle`: a licence's status changes along `licensing.transitions`, renewals, the DJKI
  stage;
- `recording`: recording a licence in one go (planned, applied or issued) and correcting one;
- `documents`: scans of a licence; `p3dn`: P3DN participation;
- `letters`: the office's letterhead and its trademark-fee recommendation letters.
"""

from licensing.services.documents import licence_document_upload
from licensing.services.letters import (
    letter_refusal,
    missing_letterhead_message,
    office_letterhead_save,
    recommendation_letter_issue,
)
from licensing.services.lifecycle import (
    default_valid_until,
    licence_apply,
    licence_issue,
    licence_plan,
    licence_record_djki_stage,
    licence_record_expiry,
    licence_reject,
    licence_renew,
    licence_revoke,
    licence_withdraw,
)
from licensing.services.p3dn import p3dn_participation_record
from licensing.services.recording import licence_record, licence_update

__all__ = [
    "default_valid_until",
    "letter_refusal",
    "licence_apply",
    "licence_document_upload",
    "licence_issue",
    "licence_plan",
    "licence_record",
    "licence_record_djki_stage",
    "licence_record_expiry",
    "licence_reject",
    "licence_renew",
    "licence_revoke",
    "licence_update",
    "licence_withdraw",
    "missing_letterhead_message",
    "office_letterhead_save",
    "p3dn_participation_record",
    "recommendation_letter_issue",
]
