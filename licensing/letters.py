"""The recommendation letter for the reduced trademark fee of micro and small business, as PDF.

NOT TRANSLATED ON PURPOSE: this is an official letter of an Indonesian government office to
the Directorate General of Intellectual Property. It is written in Indonesian whatever language
the person who prints it has chosen, so its fixed text is Indonesian here, outside gettext.

The PDF is drawn with fpdf2's core font (Helvetica), which needs no font file on the machine;
it covers Latin-1 only, so `latin1` replaces typographic quotes and dashes and strips accents it
cannot print. The PDF is rendered from the letter's record on every download and is the same
bytes each time: everything it prints was copied into the record when the letter was issued
(see `licensing.models.letters`), and its creation date is the letter's.
"""

import datetime
import unicodedata

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from licensing.models import RecommendationLetter
from registry.constants import IndustryClass, UmkScale

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
UMK_SCALE_TEXT = {UmkScale.MICRO: "Usaha Mikro", UmkScale.SMALL: "Usaha Kecil"}
UMK_SCALE_WORD = {UmkScale.MICRO: "mikro", UmkScale.SMALL: "kecil"}
INDUSTRY_CLASS_TEXT = {
    IndustryClass.SMALL: "Industri Kecil",
    IndustryClass.MEDIUM: "Industri Menengah",
    IndustryClass.LARGE: "Industri Besar",
}
ADDRESSEE = ("Yth. Direktur Jenderal Kekayaan Intelektual", "Kementerian Hukum", "di Jakarta")
SUBJECT = "Rekomendasi Usaha Mikro dan Kecil"
# Words an Indonesian title keeps in lower case.
LOWER_WORDS = frozenset({"dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau", "pada"})
TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "\u00b7",
    }
)

# A4 in millimetres: margins as Indonesian official letters set them.
LEFT, TOP, RIGHT = 25, 15, 20
PAGE_WIDTH = 210
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
LINE = 5.5
SIGNATURE_X = 115
FONT = "Helvetica"


def latin1(text: str) -> str:
    """`text` as the core fonts can print it: typographic marks plainly, accents dropped
    where Latin-1 lacks the letter, anything else as '?'."""
    result = []
    for char in text.translate(TYPOGRAPHY):
        if ord(char) < 256:
            result.append(char)
            continue
        if unicodedata.combining(char):
            continue  # an accent on the letter before it
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        result.append(plain or "?")
    return "".join(result)


def long_date(day: datetime.date) -> str:
    """29 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def in_sentence(name: str) -> str:
    """An office name typed in capitals as a sentence writes it: DINAS PERDAGANGAN DAN
    INDUSTRI → Dinas Perdagangan dan Industri. A name not all in capitals is kept."""
    if name != name.upper():
        return name
    words = name.lower().split()
    return " ".join(
        word if index and word in LOWER_WORDS else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def office_phrase(letter: RecommendationLetter) -> str:
    """Dinas Perdagangan dan Industri Kota Banjarmasin: the office with its region."""
    office = in_sentence(letter.letterhead_office)
    region = letter.office_region_name
    if region.casefold() in office.casefold():
        return office
    return f"{office} {region}"


class _LetterPdf(FPDF):
    def text_line(self, text: str, *, style: str = "", size: float = 11, align=Align.L, x=None):
        self.set_font(FONT, style, size)
        if x is not None:
            self.set_x(x)
        width = PAGE_WIDTH - RIGHT - self.get_x()
        self.multi_cell(width, LINE, latin1(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, rows: list[tuple[str, str]], *, indent: float = 8, label_width: float = 42):
        self.set_font(FONT, "", 11)
        for label, value in rows:
            self.set_x(LEFT + indent)
            self.cell(label_width, LINE, latin1(label))
            self.cell(4, LINE, ":")
            width = TEXT_WIDTH - indent - label_width - 4
            self.multi_cell(
                width, LINE, latin1(value), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )


def _letterhead(pdf: _LetterPdf, letter: RecommendationLetter) -> None:
    pdf.text_line(letter.letterhead_government, style="B", size=14, align=Align.C)
    pdf.text_line(letter.letterhead_office, style="B", size=16, align=Align.C)
    pdf.text_line(letter.letterhead_address, size=10, align=Align.C)
    if letter.letterhead_contact:
        pdf.text_line(letter.letterhead_contact, size=10, align=Align.C)
    y = pdf.get_y() + 2
    pdf.set_line_width(0.8)
    pdf.line(LEFT, y, PAGE_WIDTH - RIGHT, y)
    pdf.set_line_width(0.2)
    pdf.line(LEFT, y + 1.2, PAGE_WIDTH - RIGHT, y + 1.2)
    pdf.set_y(y + 6)


def _body(pdf: _LetterPdf, letter: RecommendationLetter) -> None:
    scale = UmkScale(letter.ikm_umk_scale)
    pdf.facts(
        [("Nomor", letter.number), ("Lampiran", "-"), ("Perihal", SUBJECT)],
        indent=0,
        label_width=22,
    )
    pdf.ln(LINE)
    for line in ADDRESSEE:
        pdf.text_line(line)
    pdf.ln(LINE)
    pdf.text_line("Dengan hormat,")
    pdf.ln(2)
    pdf.text_line("Yang bertanda tangan di bawah ini menerangkan bahwa:", align=Align.J)
    pdf.ln(1)
    pdf.facts(
        [
            ("Nama usaha", letter.ikm_name),
            ("Nama pemilik", letter.ikm_owner_name),
            ("Alamat", letter.ikm_address or "-"),
            ("NIB", letter.ikm_nib or "belum ada"),
            ("Skala usaha", f"{UMK_SCALE_TEXT[scale]} (PP Nomor 7 Tahun 2021)"),
            (
                "Klasifikasi industri",
                f"{INDUSTRY_CLASS_TEXT[IndustryClass(letter.ikm_industry_class)]} "
                "(Permenperin Nomor 64 Tahun 2016)",
            ),
        ]
    )
    pdf.ln(2)
    pdf.text_line(
        f"adalah usaha {UMK_SCALE_WORD[scale]} binaan {office_phrase(letter)} yang memenuhi "
        "kriteria Usaha Mikro dan Kecil sebagaimana dimaksud dalam Peraturan Pemerintah Nomor "
        "7 Tahun 2021. Oleh karena itu, kami merekomendasikan usaha tersebut untuk memperoleh "
        "tarif permohonan pendaftaran merek bagi Usaha Mikro dan Kecil sesuai ketentuan "
        "peraturan perundang-undangan, atas merek:",
        align=Align.J,
    )
    pdf.ln(1)
    pdf.facts([("Merek", letter.brand), ("Kelas", f"{letter.nice_class} (Klasifikasi Nice)")])
    pdf.ln(2)
    pdf.text_line(
        "Demikian surat rekomendasi ini dibuat untuk dipergunakan sebagaimana mestinya.",
        align=Align.J,
    )


def _signature(pdf: _LetterPdf, letter: RecommendationLetter) -> None:
    pdf.ln(LINE * 2)
    pdf.text_line(f"{letter.place_name}, {long_date(letter.issued_on)}", x=SIGNATURE_X)
    pdf.text_line(f"{letter.signatory_title},", x=SIGNATURE_X)
    pdf.ln(LINE * 4)
    pdf.text_line(letter.signatory_name, style="BU", x=SIGNATURE_X)
    if letter.signatory_rank:
        pdf.text_line(letter.signatory_rank, x=SIGNATURE_X)
    pdf.text_line(f"NIP. {letter.signatory_nip}", x=SIGNATURE_X)


def render_recommendation_letter(letter: RecommendationLetter) -> bytes:
    """The letter as an A4 PDF, the same bytes on every call for the same record."""
    pdf = _LetterPdf(orientation="P", unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creation_date(letter.created_at)
    pdf.set_title(latin1(f"{SUBJECT} {letter.number}"))
    pdf.set_subject(latin1(f"{letter.ikm_name}: merek {letter.brand}"))
    pdf.set_author(latin1(office_phrase(letter)))
    pdf.set_creator("Sentra Portal")
    pdf.set_lang("id")
    pdf.add_page()
    _letterhead(pdf, letter)
    _body(pdf, letter)
    _signature(pdf, letter)
    return bytes(pdf.output())
