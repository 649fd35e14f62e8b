"""factory_boy factories for every app; traits name the states tests need."""

import datetime

import factory
from django.contrib.auth.hashers import make_password
from django.db import connection

from licensing.constants import GRANTED_STATUSES, LicenceStatus, P3dnKind, RiskLevel
from licensing.dates import add_months, office_today
from licensing.models import Licence, LicenceDocument, LicenceType, P3dnParticipation
from registry.constants import ProposalKind
from registry.models import ChangeProposal, Ikm, Product, Sentra, YearlySnapshot
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import Organisation, Region
from sentra_portal.services import user_create

PASSWORD = "test-password-123"
_HASHED_PASSWORD = make_password(PASSWORD)


def region(code: str) -> Region:
    """A region of the reference data (loaded by the `reference_data` fixture)."""
    return Region.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("region", "kind")

    name = factory.LazyAttribute(lambda o: f"Disperdagin {o.region.name}")
    kind = OrganisationKind.CITY_OFFICE
    region = factory.LazyFunction(lambda: region("63.71"))

    class Params:
        banjarbaru = factory.Trait(region=factory.LazyFunction(lambda: region("63.72")))
        province = factory.Trait(
            kind=OrganisationKind.PROVINCE_OFFICE,
            region=factory.LazyFunction(lambda: region("63")),
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "sentra_portal.User"

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = _HASHED_PASSWORD
    role = Role.OFFICER
    organisation = factory.SubFactory(OrganisationFactory)

    class Params:
        owner = factory.Trait(role=Role.IKM_OWNER, organisation=None)
        provincial = factory.Trait(
            role=Role.PROVINCIAL_OFFICER,
            organisation=factory.SubFactory(OrganisationFactory, province=True),
        )

    @classmethod
    def _create(cls, model_class, *args, password, **kwargs):
        """Through the service, so that roles get their staff flag and permissions."""
        user = model_class.objects.filter(username=kwargs["username"]).first()
        if user is None:
            user = user_create(actor=None, password=None, **kwargs)
            user.password = password
            user.save(update_fields=["password"])
        return user


class SentraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sentra

    name = factory.Sequence(lambda n: f"Sentra Uji {n}")
    commodity = "Olahan ikan"
    city = factory.LazyFunction(lambda: region("63.71"))

    class Params:
        banjarbaru = factory.Trait(city=factory.LazyFunction(lambda: region("63.72")))


class IkmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ikm
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"IKM Uji {n}")
    owner_name = factory.Faker("name")
    owner_gender = "P"
    kelurahan = factory.LazyFunction(lambda: region("63.71.04.1009"))
    city = factory.LazyAttribute(lambda o: o.kelurahan.parent.parent)

    class Params:
        banjarbaru = factory.Trait(kelurahan=factory.LazyFunction(lambda: region("63.72.02.1005")))

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    ikm = factory.SubFactory(IkmFactory)
    name = factory.Sequence(lambda n: f"Produk Uji {n}")
    brand = "Uji"


# Licensing


def licence_type(code: str) -> LicenceType:
    """A type of the licence catalogue (loaded with the reference data)."""
    return LicenceType.objects.get(code=code)


def _licence_number(licence) -> str:
    """The type's example number; a P-IRT's last two digits follow its expiry year."""
    if licence.status not in GRANTED_STATUSES:
        return ""
    example = licence.licence_type.number_example
    if "expiry_year" in licence.licence_type.number_pattern and licence.valid_until:
        return f"{example[:-2]}{licence.valid_until.year % 100:02d}"
    return example


def _days_ago(days: int) -> datetime.date:
    return office_today() - datetime.timedelta(days=days)


class LicenceFactory(factory.django.DjangoModelFactory):
    """An issued P-IRT, valid four more years; traits for other states and types.

    `expired`: issued, its valid-until passed (the status still says issued, as before the
    daily job); `expiry_recorded`: the same with the expiry recorded.
    """

    class Meta:
        model = Licence

    ikm = factory.SubFactory(IkmFactory)
    product = factory.SubFactory(ProductFactory, ikm=factory.SelfAttribute("..ikm"))
    licence_type = factory.LazyFunction(lambda: licence_type("pirt"))
    status = LicenceStatus.ISSUED
    issued_on = factory.LazyFunction(lambda: _days_ago(365))
    applied_on = factory.LazyAttribute(
        lambda o: o.issued_on - datetime.timedelta(days=35) if o.issued_on else _days_ago(30)
    )
    valid_until = factory.LazyAttribute(lambda o: add_months(o.issued_on, 60))
    number = factory.LazyAttribute(_licence_number)
    issuer = factory.LazyAttribute(lambda o: o.licence_type.issuer)

    class Params:
        planned = factory.Trait(
            status=LicenceStatus.PLANNED, applied_on=None, issued_on=None, valid_until=None
        )
        applied = factory.Trait(status=LicenceStatus.APPLIED, issued_on=None, valid_until=None)
        expired = factory.Trait(issued_on=factory.LazyFunction(lambda: _days_ago(5 * 365 + 30)))
        expiry_recorded = factory.Trait(expired=True, status=LicenceStatus.EXPIRED)
        nib = factory.Trait(
            licence_type=factory.LazyFunction(lambda: licence_type("nib")),
            product=None,
            valid_until=None,
            risk_level=RiskLevel.LOW,
        )
        tkdn = factory.Trait(
            licence_type=factory.LazyFunction(lambda: licence_type("tkdn")),
            valid_until=factory.LazyAttribute(lambda o: add_months(o.issued_on, 36)),
            tkdn_percent=30,
            bmp_percent=15,
        )


class LicenceDocumentFactory(factory.django.DjangoModelFactory):
    """A one-page PDF scan; tests point the private storage at a temporary folder."""

    class Meta:
        model = LicenceDocument

    licence = factory.SubFactory(LicenceFactory)
    file = factory.django.FileField(data=b"%PDF-1.4\n%test scan\n", filename="document.pdf")
    original_name = "Sertifikat P-IRT.pdf"
    uploaded_by = factory.SubFactory(UserFactory)


class P3dnParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = P3dnParticipation

    ikm = factory.SubFactory(IkmFactory)
    kind = P3dnKind.BUSINESS_MATCHING
    date = factory.LazyFunction(lambda: _days_ago(30))
    recorded_by = factory.SubFactory(UserFactory)


def kbli(code: str):
    """A KBLI 2020 code of the reference data."""
    from registry.models import Kbli

    return Kbli.objects.get(version="2020", code=code)


# Registry records


# The first bytes of a PNG: what the upload checks read (they look at content, not names).
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class YearlySnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlySnapshot

    ikm = factory.SubFactory(IkmFactory)
    year = 2024
    workers_male = 2
    workers_female = 3
    investment = 150_000_000
    production_value = 400_000_000


class ChangeProposalFactory(factory.django.DjangoModelFactory):
    """A pending proposal of new contact details by the IKM's owner (`proposed_by`)."""

    class Meta:
        model = ChangeProposal

    ikm = factory.SubFactory(IkmFactory)
    kind = ProposalKind.CONTACT
    changes = factory.LazyFunction(lambda: {"phone": "081234567890"})
    proposed_by = factory.SubFactory(UserFactory, owner=True)


# Guidance


class CaseFactory(factory.django.DjangoModelFactory):
    """A request for help with a trademark, just submitted by one of the IKM's owners."""

    class Meta:
        model = "guidance.Case"

    ikm = factory.SubFactory(IkmFactory)
    goal = "licence"
    licence_type = factory.LazyFunction(lambda: licence_type("merek"))
    description = "Kami ingin mendaftarkan merek amplang kami."
    requested_by = factory.SubFactory(UserFactory, owner=True)

    class Params:
        # With an officer of the IKM's city (Banjarmasin unless given), as the services leave it.
        assigned = factory.Trait(status="assigned", assigned_to=factory.SubFactory(UserFactory))
        in_progress = factory.Trait(
            status="in_progress", assigned_to=factory.SubFactory(UserFactory)
        )


class CaseDocumentFactory(factory.django.DjangoModelFactory):
    """A one-page PDF on a case; tests point the private storage at a temporary folder."""

    class Meta:
        model = "guidance.CaseDocument"

    case = factory.SubFactory(CaseFactory)
    file = factory.django.FileField(data=b"%PDF-1.4\n%case scan\n", filename="document.pdf")
    original_name = "Desain kemasan.pdf"
    uploaded_by = factory.SubFactory(UserFactory)


class OverdueRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidance.OverdueRule"

    organisation = factory.SubFactory(OrganisationFactory)
    goal = "licence"
    days = 30


class ActivityFactory(factory.django.DjangoModelFactory):
    """A bimtek of the Banjarmasin office that took place last month; traits `province`
    (organised by the Kalsel office) and `joint` (Banjarmasin with Kalsel, recorded by
    Banjarmasin; pass owner_office to have the province record it)."""

    class Meta:
        model = "guidance.Activity"

    kind = "bimtek"
    title = factory.Sequence(lambda n: f"Bimtek Uji {n}")
    starts_on = factory.LazyFunction(lambda: _days_ago(30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=1))
    venue = "Aula Disperdagin"
    organiser = "city"
    city_office = factory.SubFactory(OrganisationFactory)
    province_office = None
    owner_office = factory.LazyAttribute(lambda o: o.city_office or o.province_office)
    budget_source = "apbd_kota"

    class Params:
        province = factory.Trait(
            organiser="province",
            city_office=None,
            province_office=factory.SubFactory(OrganisationFactory, province=True),
            budget_source="apbd_provinsi",
        )
        joint = factory.Trait(
            organiser="joint",
            province_office=factory.SubFactory(OrganisationFactory, province=True),
        )


class ActivityParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "guidance.ActivityParticipant"

    activity = factory.SubFactory(ActivityFactory)
    ikm = factory.SubFactory(IkmFactory)


# Letters


class OfficeLetterheadFactory(factory.django.DjangoModelFactory):
    """The Banjarmasin office's letterhead and signatory (`banjarbaru` for the other city)."""

    class Meta:
        model = "licensing.OfficeLetterhead"
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory)
    government_name = "PEMERINTAH KOTA BANJARMASIN"
    office_name = "DINAS PERDAGANGAN DAN INDUSTRI"
    address = "Jl. Pramuka No. 7, Banjarmasin 70238"
    phone = "(0511) 3252222"
    email = "disperdagin@example.go.id"
    website = "disperdagin.example.go.id"
    place_name = "Banjarmasin"
    signatory_name = "Dr. Hj. Rahmawati, S.E., M.Si."
    signatory_title = "Kepala Dinas"
    signatory_nip = "197003121995032002"
    signatory_rank = "Pembina Utama Muda (IV/c)"

    class Params:
        banjarbaru = factory.Trait(
            organisation=factory.SubFactory(OrganisationFactory, banjarbaru=True),
            government_name="PEMERINTAH KOTA BANJARBARU",
            place_name="Banjarbaru",
        )


class RecommendationLetterFactory(factory.django.DjangoModelFactory):
    """A letter as `recommendation_letter_issue` records it, for a micro IKM of Banjarmasin.

    Tests of numbering and refusals go through the service; this serves pages and scopes.
    """

    class Meta:
        model = "licensing.RecommendationLetter"

    office = factory.SubFactory(OrganisationFactory)
    ikm = factory.SubFactory(IkmFactory)
    issued_on = factory.LazyFunction(office_today)
    year = factory.LazyAttribute(lambda o: o.issued_on.year)
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"500.2/{o.sequence:04d}/Disperdagin/{o.year}")
    brand = "Amplang Uji"
    nice_class = 30
    issued_by = factory.SubFactory(UserFactory)
    signatory_name = "Dr. Hj. Rahmawati, S.E., M.Si."
    signatory_title = "Kepala Dinas"
    signatory_nip = "197003121995032002"
    letterhead_government = "PEMERINTAH KOTA BANJARMASIN"
    letterhead_office = "DINAS PERDAGANGAN DAN INDUSTRI"
    letterhead_address = "Jl. Pramuka No. 7, Banjarmasin 70238"
    place_name = "Banjarmasin"
    office_region_name = factory.LazyAttribute(lambda o: o.office.region.name)
    ikm_name = factory.LazyAttribute(lambda o: o.ikm.name)
    ikm_owner_name = factory.LazyAttribute(lambda o: o.ikm.owner_name)
    ikm_umk_scale = "micro"
    ikm_industry_class = "small"


# Licences of any type of the catalogue


# The fields each type needs once issued (LicenceType.required_fields), besides the number.
ISSUED_EXTRAS = {
    "nib": {"risk_level": RiskLevel.LOW},
    "halal": {"halal_route": "self_declare"},
    "sni": {"sni_standard": "SNI 2354.1:2010"},
    "tkdn": {"tkdn_percent": 30, "bmp_percent": 15},
    "merek": {"nice_class": 30, "registration_number": "IDM000987654", "djki_stage": "registered"},
    "paten": {"registration_number": "IDP000071234", "djki_stage": "registered"},
    "e_katalog": {"catalogue_kind": "local", "listing_id": "LKPP-63-0042"},
}


def licence_of(code: str, **kwargs) -> Licence:
    """An issued licence of the catalogue type `code` (P-IRT's factory, with what the type
    needs: no product for a business type, no valid-until for a type that does not expire);
    `kwargs` as for LicenceFactory, traits too (`planned=True`)."""
    kind = licence_type(code)
    fields = {"licence_type": kind, **ISSUED_EXTRAS.get(code, {})}
    if not kind.is_per_product:
        fields["product"] = None
    if kind.validity_basis == "no_expiry":
        fields["valid_until"] = None
    return LicenceFactory(**{**fields, **kwargs})


# Notifications


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread notification about a licence (the link need not exist to be followed)."""

    class Meta:
        model = "sentra_portal.Notification"

    recipient = factory.SubFactory(UserFactory, owner=True)
    key = factory.Sequence(lambda n: f"test:{n}")
    title = factory.Sequence(lambda n: f"Pemberitahuan {n}")
    body = "P-IRT IKM Uji berlaku sampai 12 Maret 2027."
    link = "/perizinan/1/"

    class Params:
        read = factory.Trait(
            read_at=factory.LazyFunction(lambda: datetime.datetime.now(tz=datetime.UTC))
        )


def insert_ikms(count: int, *, name: str, kelurahan: str = "63.71.04.1009") -> None:
    """`count` IKMs of the village's city named "<name> 1" … "<name> <count>", in one
    statement (factories would take minutes for the thousands a query plan needs)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO registry_ikm (created_at, updated_at, workers_male, workers_female,"
            " investment, production_value, market_reach, name, legal_form, owner_name,"
            " owner_gender, phone, email, address, status, version, city_id, kelurahan_id)"
            " SELECT now(), now(), 1, 0, 0, 0, 'local', %s || ' ' || g, 'perorangan',"
            " 'Pemilik ' || g, 'P', '', '', '', 'active', 1, left(%s, 5), %s"
            " FROM generate_series(1, %s) g",
            [name, kelurahan, kelurahan, count],
        )
