"""An activity's attendance list: the XLSX columns, and the PDF to print and have signed.

The spreadsheet's headers follow the user's language. The printed list is an office document
signed by the participants, so, like the recommendation letter (`licensing.letters`), its
fixed text is Indonesian whatever language the person who prints it has chosen, outside
gettext on purpose. It is drawn with fpdf2's core font (Helvetica, Latin-1 text through
`licensing.letters.latin1`): No, IKM, owner, and a box to sign in, the rows numbered in the
signature column alternately left and right as Indonesian attendance lists do.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from guidance.constants import ActivityOrganiser
from guidance.models import Activity, ActivityParticipant
from licensing.letters import latin1, long_date
from sentra_portal.exports import Column


def attendance_columns() -> list[Column]:
    return [
        Column(_("No."), "number"),
        Column(_("IKM"), "ikm__name"),
        Column(_("NIB"), "ikm__nib"),
        Column(_("Owner"), "ikm__owner_name"),
        Column(_("Village"), "ikm__kelurahan__name"),
        Column(_("Phone/WhatsApp"), "ikm__phone"),
        Column(_("Attended"), "attended", [(True, _("Yes")), (False, _("No"))]),
        Column(_("Note"), "note"),
    ]


FONT = "Helvetica"
LEFT, TOP, RIGHT = 15, 15, 15
PAGE_WIDTH = 210
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
ROW_HEIGHT = 12
# No, IKM, owner, signature: the widths add up to the text width.
WIDTHS = (12, 72, 52, 44)
HEADERS = ("No", "Nama IKM", "Nama Pemilik", "Tanda Tangan")
ORGANISER_TEXT = {
    ActivityOrganiser.CITY: "{city}",
    ActivityOrganiser.PROVINCE: "{province}",
    ActivityOrganiser.JOINT: "{city} bersama {province}",
}


def _dates(activity: Activity) -> str:
    if activity.starts_on == activity.ends_on:
        return long_date(activity.starts_on)
    return f"{long_date(activity.starts_on)} s.d. {long_date(activity.ends_on)}"


def _organiser(activity: Activity) -> str:
    return ORGANISER_TEXT[activity.organiser].format(
        city=activity.city_office.name if activity.city_office_id else "",
        province=activity.province_office.name if activity.province_office_id else "",
    )


class _AttendancePdf(FPDF):
    def __init__(self, activity: Activity):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.activity = activity

    def header(self):
        self.set_font(FONT, "B", 14)
        self.cell(TEXT_WIDTH, 8, "DAFTAR HADIR", align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "B", 12)
        self.multi_cell(
            TEXT_WIDTH,
            6,
            latin1(self.activity.title),
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(2)
        self.set_font(FONT, "", 10)
        with translation.override(settings.LANGUAGE_CODE):  # Indonesian, as the list is
            kind = str(self.activity.get_kind_display())
        for label, value in (
            ("Jenis kegiatan", kind),
            ("Tanggal", _dates(self.activity)),
            ("Tempat", self.activity.venue),
            ("Penyelenggara", _organiser(self.activity)),
        ):
            self.cell(32, 5, label)
            self.cell(4, 5, ":")
            self.multi_cell(
                TEXT_WIDTH - 36, 5, latin1(str(value)), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.ln(3)
        self._table_header()

    def _table_header(self):
        self.set_font(FONT, "B", 10)
        for width, text in zip(WIDTHS, HEADERS, strict=True):
            self.cell(width, 8, text, border=1, align=Align.C)
        self.ln(8)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(TEXT_WIDTH, 5, f"Halaman {self.page_no()}/{{nb}}", align=Align.R)

    def row(self, number: int, ikm: str, owner: str):
        self.set_font(FONT, "", 10)
        if self.will_page_break(ROW_HEIGHT):
            self.add_page()
        y = self.get_y()
        self.cell(WIDTHS[0], ROW_HEIGHT, str(number), border=1, align=Align.C)
        for width, text in ((WIDTHS[1], ikm), (WIDTHS[2], owner)):
            x = self.get_x()
            self.cell(width, ROW_HEIGHT, "", border=1)
            self.set_xy(x + 1, y + 1)
            self.multi_cell(width - 2, 5, latin1(text), max_line_height=5)
            self.set_xy(x + width, y)
        # The signature box: its number on the left for odd rows, on the right for even ones.
        x = self.get_x()
        self.cell(WIDTHS[3], ROW_HEIGHT, "", border=1)
        self.set_font(FONT, "", 7)
        self.set_xy(x + (1 if number % 2 else WIDTHS[3] / 2), y + 1)
        self.cell(6, 4, f"{number}.")
        self.set_xy(LEFT, y + ROW_HEIGHT)


def render_attendance_pdf(activity: Activity, participants: list[ActivityParticipant]) -> bytes:
    """The attendance list as an A4 PDF: every participant by IKM name, a box to sign in;
    a few empty rows after them for walk-in participants."""
    pdf = _AttendancePdf(activity)
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_creation_date(activity.updated_at)
    pdf.set_title(latin1(f"Daftar hadir: {activity.title}"))
    pdf.set_author(latin1(activity.owner_office.name))
    pdf.set_creator("Sentra Portal")
    pdf.set_lang("id")
    pdf.alias_nb_pages()
    pdf.add_page()
    number = 0
    for number, participant in enumerate(participants, start=1):
        pdf.row(number, participant.ikm.name, participant.ikm.owner_name)
    for extra in range(number + 1, number + 4):
        pdf.row(extra, "", "")
    return bytes(pdf.output())
