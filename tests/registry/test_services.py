"""Registry write services: rules checked, nothing half-saved, conflicts caught, who recorded."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from registry import services
from registry.constants import ProposalKind, ProposalStatus
from registry.models import ChangeProposal, Ikm, Product, Sentra, YearlySnapshot
from sentra_portal.audit import history_for
from sentra_portal.constants import Role
from sentra_portal.errors import EditConflict, InvalidTransition
from sentra_portal.models import User
from tests.factories import (
    PNG_BYTES,
    ChangeProposalFactory,
    IkmFactory,
    ProductFactory,
    SentraFactory,
    kbli,
    region,
)

pytestmark = pytest.mark.django_db

KUIN_UTARA = "63.71.04.1009"
KUIN_SELATAN = "63.71.03.1007"
BANJARBARU_VILLAGE = "63.72.02.1005"


@pytest.fixture
def officer(users):
    return users["officer"]


def ikm_fields(**overrides):
    fields = {
        "name": "Amplang Bu Salmah",
        "owner_name": "Salmah",
        "owner_gender": "P",
        "kelurahan": region(KUIN_UTARA),
        "workers_male": 2,
        "workers_female": 5,
        "investment": 150_000_000,
    }
    return fields | overrides


def error_fields(error: ValidationError) -> set[str]:
    return set(error.value.message_dict)


# Sentras


def test_sentra_register_saves_villages_and_kbli_and_names_the_actor(officer):
    sentra = services.sentra_register(
        actor=officer,
        name="Sentra Ikan Kuin",
        commodity="Olahan ikan",
        kelurahans=[region(KUIN_UTARA), region(KUIN_SELATAN)],
        kbli_codes=[kbli("10211")],
    )
    assert sentra.city_id == "63.71"
    assert {v.pk for v in sentra.kelurahans.all()} == {KUIN_UTARA, KUIN_SELATAN}
    assert [k.code for k in sentra.kbli_codes.all()] == ["10211"]
    assert history_for(sentra)[0].who == officer


def test_sentra_register_refuses_a_village_outside_the_city_and_saves_nothing(officer):
    with pytest.raises(ValidationError) as error:
        services.sentra_register(
            actor=officer,
            name="Sentra Purun",
            commodity="Anyaman",
            kelurahans=[region(KUIN_UTARA), region(BANJARBARU_VILLAGE)],
        )
    assert error_fields(error) == {"kelurahans"}
    assert not Sentra.objects.exists()


def test_a_sentra_name_taken_in_the_city_is_an_error_on_the_name(officer):
    SentraFactory(name="Sentra Ikan Kuin")
    with pytest.raises(ValidationError) as error:
        services.sentra_register(
            actor=officer, name="Sentra Ikan Kuin", commodity="x", kelurahans=[region(KUIN_UTARA)]
        )
    assert error_fields(error) == {"name"}
    assert Sentra.objects.count() == 1


def test_two_saves_from_the_same_version_conflict_and_the_first_is_kept(officer, users):
    sentra = SentraFactory(commodity="Olahan ikan")
    sentra.kelurahans.set([KUIN_UTARA])
    first = Sentra.objects.get(pk=sentra.pk)
    second = Sentra.objects.get(pk=sentra.pk)
    villages = [region(KUIN_UTARA)]
    services.sentra_update(
        actor=officer, sentra=first, expected_version=1, kelurahans=villages, commodity="Amplang"
    )
    with pytest.raises(EditConflict) as conflict:
        services.sentra_update(
            actor=users["supervisor"],
            sentra=second,
            expected_version=1,
            kelurahans=villages,
            commodity="Kerupuk",
        )
    assert conflict.value.current.commodity == "Amplang"
    assert conflict.value.current.version == 2
    saved = Sentra.objects.get(pk=sentra.pk)
    assert (saved.commodity, saved.version) == ("Amplang", 2)


def test_sentra_update_stores_a_new_photo(officer):
    sentra = SentraFactory()
    photo = SimpleUploadedFile("kuin.png", PNG_BYTES, content_type="image/png")
    services.sentra_update(
        actor=officer,
        sentra=sentra,
        expected_version=1,
        kelurahans=[region(KUIN_UTARA)],
        photo=photo,
    )
    name = Sentra.objects.get(pk=sentra.pk).photo.name
    assert name.startswith("sentra-photos/")
    assert default_storage.open(name).read() == PNG_BYTES


def test_a_photo_of_a_conflicting_save_is_not_left_in_storage(officer, private_storage):
    sentra = SentraFactory(version=3)
    photo = SimpleUploadedFile("kuin.png", PNG_BYTES, content_type="image/png")
    with pytest.raises(EditConflict):
        services.sentra_update(
            actor=officer,
            sentra=sentra,
            expected_version=2,
            kelurahans=[region(KUIN_UTARA)],
            photo=photo,
        )
    assert not any(path.is_file() for path in private_storage.rglob("*"))


def test_a_photo_whose_content_is_not_an_image_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        services.sentra_register(
            actor=officer,
            name="Sentra Sasirangan",
            commodity="Kain",
            kelurahans=[region(KUIN_UTARA)],
            photo=SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image"),
        )
    assert error_fields(error) == {"photo"}
    assert not Sentra.objects.exists()


def test_staff_of_another_city_cannot_update_a_sentra(users):
    sentra = SentraFactory()
    with pytest.raises(ValidationError):
        services.sentra_update(
            actor=users["other_city_officer"],
            sentra=sentra,
            expected_version=1,
            kelurahans=[region(BANJARBARU_VILLAGE)],
            commodity="Purun",
        )
    assert Sentra.objects.get(pk=sentra.pk).version == 1


@pytest.mark.parametrize("role", ["provincial_officer", "ikm_owner"])
def test_only_city_staff_register(users, role):
    with pytest.raises(ValidationError):
        services.ikm_register(actor=users[role], **ikm_fields())
    assert not Ikm.objects.exists()


# IKMs


def test_ikm_register_takes_the_city_of_the_office(officer):
    ikm = services.ikm_register(actor=officer, other_kbli=[kbli("10794")], **ikm_fields())
    assert ikm.city_id == "63.71"
    assert [k.code for k in ikm.other_kbli.all()] == ["10794"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kelurahan": "banjarbaru"}, "kelurahan"),
        ({"sentra": "banjarbaru"}, "sentra"),
        ({"nib": "912000123456"}, "nib"),
        ({"nib": "91200012345AB"}, "nib"),
        ({"investment": -1}, "investment"),
        ({"production_value": -1}, "production_value"),
        ({"workers_male": -1}, "workers_male"),
    ],
)
def test_ikm_register_refuses_bad_input_on_its_field_and_saves_nothing(officer, overrides, field):
    if overrides.get("kelurahan") == "banjarbaru":
        overrides["kelurahan"] = region(BANJARBARU_VILLAGE)
    if overrides.get("sentra") == "banjarbaru":
        overrides["sentra"] = SentraFactory(banjarbaru=True)
    with pytest.raises(ValidationError) as error:
        services.ikm_register(actor=officer, **ikm_fields(**overrides))
    assert field in error_fields(error)
    assert not Ikm.objects.exists()


def test_every_error_is_reported_at_once(officer):
    with pytest.raises(ValidationError) as error:
        services.ikm_register(
            actor=officer,
            **ikm_fields(kelurahan=region(BANJARBARU_VILLAGE), nib="12", investment=-5),
        )
    assert error_fields(error) >= {"kelurahan", "nib", "investment"}


def test_a_registered_nib_is_refused_without_naming_the_other_record(officer):
    other = IkmFactory(banjarbaru=True, nib="9120001234567", name="Kerajinan Purun Rahasia")
    with pytest.raises(ValidationError) as error:
        services.ikm_register(actor=officer, **ikm_fields(nib="9120001234567"))
    assert error_fields(error) == {"nib"}
    message = error.value.message_dict["nib"][0]
    assert other.name not in message
    assert "Banjarbaru" not in message
    assert Ikm.objects.count() == 1


def test_an_ikm_keeps_its_own_nib_on_update(officer):
    ikm = IkmFactory(nib="9120001234567")
    services.ikm_update(actor=officer, ikm=ikm, expected_version=1, name="Amplang Baru")
    assert Ikm.objects.get(pk=ikm.pk).name == "Amplang Baru"


def test_ikm_update_conflicts_when_saved_meanwhile_and_keeps_the_first_save(officer, users):
    ikm = IkmFactory(phone="")
    services.ikm_update(
        actor=officer, ikm=Ikm.objects.get(pk=ikm.pk), expected_version=1, phone="081111111111"
    )
    with pytest.raises(EditConflict) as conflict:
        services.ikm_update(
            actor=users["supervisor"],
            ikm=ikm,
            expected_version=1,
            phone="082222222222",
        )
    assert conflict.value.current.phone == "081111111111"
    assert Ikm.objects.get(pk=ikm.pk).phone == "081111111111"


def test_staff_of_another_city_cannot_update_an_ikm(users):
    ikm = IkmFactory()
    with pytest.raises(ValidationError):
        services.ikm_update(
            actor=users["other_city_officer"],
            ikm=ikm,
            expected_version=1,
            kelurahan=region(BANJARBARU_VILLAGE),
        )
    saved = Ikm.objects.get(pk=ikm.pk)
    assert (saved.city_id, saved.version) == ("63.71", 1)


# Yearly data and products


def test_snapshot_record_records_a_year_then_corrects_it(officer):
    ikm = IkmFactory()
    services.snapshot_record(actor=officer, ikm=ikm, year=2024, investment=100, workers_male=2)
    services.snapshot_record(actor=officer, ikm=ikm, year=2024, investment=200, workers_male=2)
    assert list(YearlySnapshot.objects.filter(ikm=ikm).values_list("year", "investment")) == [
        (2024, 200)
    ]


def test_snapshot_record_refuses_negative_figures_and_other_cities(officer, users):
    ikm = IkmFactory()
    with pytest.raises(ValidationError) as error:
        services.snapshot_record(actor=officer, ikm=ikm, year=2024, investment=-1)
    assert error_fields(error) == {"investment"}
    with pytest.raises(ValidationError):
        services.snapshot_record(actor=users["other_city_officer"], ikm=ikm, year=2024)
    assert not YearlySnapshot.objects.exists()


def test_product_add_and_update(officer):
    ikm = IkmFactory()
    product = services.product_add(actor=officer, ikm=ikm, name="Amplang", capacity="120")
    services.product_update(actor=officer, product=product, brand="Bu Salmah")
    saved = Product.objects.get(pk=product.pk)
    assert (saved.name, saved.brand, saved.capacity) == ("Amplang", "Bu Salmah", 120)


def test_product_refuses_a_negative_capacity_and_other_cities(officer, users):
    ikm = IkmFactory()
    with pytest.raises(ValidationError) as error:
        services.product_add(actor=officer, ikm=ikm, name="Amplang", capacity="-1")
    assert error_fields(error) == {"capacity"}
    with pytest.raises(ValidationError):
        services.product_add(actor=users["other_city_officer"], ikm=ikm, name="Amplang")
    assert not Product.objects.exists()


# Owners' proposals


@pytest.fixture
def owned_ikm(users):
    return IkmFactory(phone="081111111111", owners=[users["ikm_owner"]])


def test_only_an_owner_of_the_ikm_may_propose(users):
    ikm = IkmFactory()
    with pytest.raises(ValidationError):
        services.proposal_submit(
            actor=users["ikm_owner"], ikm=ikm, kind=ProposalKind.CONTACT, changes={"phone": "0"}
        )
    assert not ChangeProposal.objects.exists()


@pytest.mark.parametrize(
    "changes", [{}, {"nib": "9120001234567"}, {"phone": "081", "investment": 1}]
)
def test_a_proposal_must_change_something_an_owner_may_change(users, owned_ikm, changes):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            actor=users["ikm_owner"], ikm=owned_ikm, kind=ProposalKind.CONTACT, changes=changes
        )
    assert not ChangeProposal.objects.exists()


def test_a_proposal_cannot_name_another_ikms_product(users, owned_ikm):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            actor=users["ikm_owner"],
            ikm=owned_ikm,
            kind=ProposalKind.PRODUCT,
            product=ProductFactory(),
            changes={"name": "Amplang"},
        )
    assert not ChangeProposal.objects.exists()


def test_accepting_a_contact_proposal_applies_it_and_records_who(users, owned_ikm, officer):
    proposal = services.proposal_submit(
        actor=users["ikm_owner"],
        ikm=owned_ikm,
        kind=ProposalKind.CONTACT,
        changes={"phone": "082222222222", "address": "Jl. Kuin Utara 7"},
    )
    assert Ikm.objects.get(pk=owned_ikm.pk).phone == "081111111111"  # nothing until accepted
    services.proposal_accept(actor=officer, proposal=proposal)
    ikm = Ikm.objects.get(pk=owned_ikm.pk)
    assert (ikm.phone, ikm.address) == ("082222222222", "Jl. Kuin Utara 7")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, officer)
    assert proposal.decided_at is not None
    assert history_for(ikm)[0].who == officer


def test_accepting_product_proposals_adds_and_changes_products(users, owned_ikm, officer):
    product = ProductFactory(ikm=owned_ikm, name="Amplang", capacity=10)
    new = services.proposal_submit(
        actor=users["ikm_owner"],
        ikm=owned_ikm,
        kind=ProposalKind.PRODUCT,
        changes={"name": "Kerupuk Haruan", "capacity": "25.5", "is_published": True},
    )
    changed = services.proposal_submit(
        actor=users["ikm_owner"],
        ikm=owned_ikm,
        kind=ProposalKind.PRODUCT,
        product=product,
        changes={"capacity": "40"},
    )
    services.proposal_accept(actor=officer, proposal=new)
    services.proposal_accept(actor=officer, proposal=changed)
    assert set(owned_ikm.products.values_list("name", "capacity", "is_published")) == {
        ("Amplang", 40, False),
        ("Kerupuk Haruan", 25.5, True),
    }


def test_rejecting_needs_a_note_and_changes_nothing(users, owned_ikm, officer):
    proposal = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    with pytest.raises(ValidationError) as error:
        services.proposal_reject(actor=officer, proposal=proposal, note="  ")
    assert error_fields(error) == {"decision_note"}
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PENDING
    services.proposal_reject(actor=officer, proposal=proposal, note="Nomor tidak aktif.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == (
        ProposalStatus.REJECTED,
        "Nomor tidak aktif.",
    )
    assert Ikm.objects.get(pk=owned_ikm.pk).phone == "081111111111"


@pytest.mark.parametrize("second", ["accept", "reject"])
def test_a_proposal_cannot_be_decided_twice(users, owned_ikm, officer, second):
    proposal = ChangeProposalFactory(
        ikm=owned_ikm, proposed_by=users["ikm_owner"], changes={"phone": "082222222222"}
    )
    services.proposal_accept(actor=officer, proposal=proposal)
    Ikm.objects.filter(pk=owned_ikm.pk).update(phone="083333333333")
    with pytest.raises(InvalidTransition):
        if second == "accept":
            services.proposal_accept(actor=users["supervisor"], proposal=proposal)
        else:
            services.proposal_reject(actor=users["supervisor"], proposal=proposal, note="No")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, officer)
    assert Ikm.objects.get(pk=owned_ikm.pk).phone == "083333333333"


def test_staff_of_another_city_cannot_decide(users, owned_ikm):
    proposal = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    with pytest.raises(ValidationError):
        services.proposal_accept(actor=users["other_city_officer"], proposal=proposal)
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PENDING


# Owner accounts


def test_owner_account_is_an_ikm_owner_linked_to_the_ikm_with_a_working_link(officer):
    ikm = IkmFactory()
    owner, path = services.owner_account_create(
        actor=officer, ikm=ikm, username="salmah", full_name="Salmah Binti Ahmad", phone="0812"
    )
    assert (owner.role, owner.first_name, owner.last_name, owner.phone) == (
        Role.IKM_OWNER,
        "Salmah",
        "Binti Ahmad",
        "0812",
    )
    assert not owner.has_usable_password()
    assert list(ikm.owners.all()) == [owner]
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert default_token_generator.check_token(owner, token)


def test_a_taken_username_is_an_error_on_the_username(officer, users):
    with pytest.raises(ValidationError) as error:
        services.owner_account_create(
            actor=officer, ikm=IkmFactory(), username="petugas", full_name="Salmah"
        )
    assert error_fields(error) == {"username"}


def test_the_invitation_is_emailed_after_commit_when_there_is_an_address(
    officer, django_capture_on_commit_callbacks
):
    ikm = IkmFactory(name="Amplang Bu Salmah")
    with django_capture_on_commit_callbacks(execute=True):
        owner, link = services.owner_account_invite(
            actor=officer,
            ikm=ikm,
            site_url="https://sentra.example.go.id/",
            username="salmah",
            full_name="Salmah",
            email="salmah@example.org",
        )
    assert link.startswith("https://sentra.example.go.id/akun/sandi/reset/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["salmah@example.org"]
    assert link in mail.outbox[0].body
    assert "salmah" in mail.outbox[0].body


def test_no_email_is_sent_without_an_address(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.owner_account_invite(
            actor=officer,
            ikm=IkmFactory(),
            site_url="https://sentra.example.go.id/",
            username="salmah",
            full_name="Salmah",
        )
    assert mail.outbox == []
    assert User.objects.filter(username="salmah").exists()


def test_owner_accounts_only_for_ikms_of_the_office(users):
    with pytest.raises(ValidationError):
        services.owner_account_create(
            actor=users["other_city_officer"], ikm=IkmFactory(), username="x", full_name="X"
        )
    assert not User.objects.filter(username="x").exists()


def test_an_existing_photo_file_is_kept_when_other_fields_change(officer):
    sentra = SentraFactory(photo=ContentFile(PNG_BYTES, name="kuin.png"))
    name = sentra.photo.name
    services.sentra_update(
        actor=officer,
        sentra=Sentra.objects.get(pk=sentra.pk),
        expected_version=1,
        kelurahans=[region(KUIN_UTARA)],
        commodity="Amplang",
    )
    assert Sentra.objects.get(pk=sentra.pk).photo.name == name
