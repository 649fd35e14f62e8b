"""IKM owners: accounts made by city staff, the owner's own pages, proposals and their review."""

from decimal import Decimal

import pytest
from django.core import mail

from registry.constants import ProposalKind, ProposalStatus
from registry.models import ChangeProposal, Ikm, Product
from sentra_portal.models import User
from tests.factories import ChangeProposalFactory, IkmFactory, ProductFactory, SentraFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "amplang-kuin-2026!"


@pytest.fixture
def owned_ikm(users):
    return IkmFactory(
        name="Amplang Bu Salmah",
        nib="9120001234567",
        phone="081111111111",
        address="Jl. Kuin Utara 1",
        sentra=SentraFactory(name="Sentra Ikan Kuin"),
        owners=[users["ikm_owner"]],
    )


@pytest.fixture
def owner_client(client, users):
    client.force_login(users["ikm_owner"])
    return client


# Accounts


def test_an_officer_creates_an_owner_account_and_sees_the_link_once(
    client, users, django_capture_on_commit_callbacks
):
    ikm = IkmFactory()
    client.force_login(users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/registri/ikm/{ikm.pk}/akun-pemilik/",
            {
                "username": "salmah.amplang",
                "full_name": "Salmah",
                "email": "salmah@example.org",
                "phone": "0812 3456 7890",
            },
        )
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("http://testserver/akun/sandi/reset/")
    assert link in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response.context["whatsapp_url"].startswith("https://wa.me/6281234567890?text=")
    owner = User.objects.get(username="salmah.amplang")
    assert list(owner.ikms.all()) == [ikm]
    assert [message.to for message in mail.outbox] == [["salmah@example.org"]]
    assert link in mail.outbox[0].body


def test_the_invitation_link_lets_the_owner_choose_a_password_and_sign_in(client, users):
    ikm = IkmFactory(name="Amplang Bu Salmah")
    client.force_login(users["officer"])
    response = client.post(
        f"/registri/ikm/{ikm.pk}/akun-pemilik/", {"username": "salmah", "full_name": "Salmah"}
    )
    assert mail.outbox == []  # no address, no e-mail
    client.logout()
    form_url = client.get(response.context["link"])["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    login = client.post("/akun/masuk/", {"username": "salmah", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert "Amplang Bu Salmah" in client.get("/").content.decode()


def test_a_taken_username_is_shown_next_to_the_field(client, users):
    ikm = IkmFactory()
    client.force_login(users["officer"])
    response = client.post(
        f"/registri/ikm/{ikm.pk}/akun-pemilik/", {"username": "petugas", "full_name": "Salmah"}
    )
    assert list(response.context["form"].errors) == ["username"]
    assert not ikm.owners.exists()


# The owner's own pages


def test_the_owners_home_lists_their_ikms_with_nib_sentra_products_and_links(
    owner_client, owned_ikm
):
    ProductFactory(ikm=owned_ikm, name="Amplang Pipih")
    IkmFactory(name="Usaha Orang Lain")
    page = owner_client.get("/").content.decode()
    assert "Amplang Bu Salmah" in page
    assert "9120001234567" in page
    assert "Sentra Ikan Kuin" in page
    assert "Amplang Pipih" in page
    assert f"/registri/ikm/{owned_ikm.pk}/usulan/kontak/" in page
    assert "Usaha Orang Lain" not in page


def test_the_owner_sees_their_ikm_but_not_another(owner_client, owned_ikm):
    other = IkmFactory()
    response = owner_client.get(owned_ikm.get_absolute_url())
    assert response.status_code == 200
    assert response.context["history"] is None  # the office's history is for staff
    assert f"/registri/sentra/{owned_ikm.sentra_id}/" not in response.content.decode()
    assert owner_client.get(other.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("path", ["usulan/kontak/", "usulan/produk/"])
def test_the_owner_cannot_propose_for_another_ikm(owner_client, path):
    other = IkmFactory()
    assert owner_client.get(f"/registri/ikm/{other.pk}/{path}").status_code == 404
    assert owner_client.post(f"/registri/ikm/{other.pk}/{path}", {"name": "x"}).status_code == 404
    assert not ChangeProposal.objects.exists()


def test_the_owner_cannot_propose_changes_to_another_ikms_product(owner_client, owned_ikm):
    product = ProductFactory()
    url = f"/registri/ikm/{owned_ikm.pk}/usulan/produk/{product.pk}/"
    assert owner_client.post(url, {"name": "x"}).status_code == 404
    assert not ChangeProposal.objects.exists()


# Proposals


def test_an_owner_proposes_only_the_contact_details_they_changed(owner_client, owned_ikm, users):
    response = owner_client.post(
        f"/registri/ikm/{owned_ikm.pk}/usulan/kontak/",
        {"phone": "082222222222", "email": "", "address": "Jl. Kuin Utara 1"},
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert (proposal.kind, proposal.changes, proposal.proposed_by) == (
        ProposalKind.CONTACT,
        {"phone": "082222222222"},
        users["ikm_owner"],
    )
    assert Ikm.objects.get(pk=owned_ikm.pk).phone == "081111111111"
    page = owner_client.get(owned_ikm.get_absolute_url())
    assert list(page.context["proposals"]) == [proposal]


def test_a_proposal_that_changes_nothing_is_refused(owner_client, owned_ikm):
    response = owner_client.post(
        f"/registri/ikm/{owned_ikm.pk}/usulan/kontak/",
        {"phone": "081111111111", "email": "", "address": "Jl. Kuin Utara 1"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not ChangeProposal.objects.exists()


def test_a_bad_phone_number_is_shown_next_to_the_field(owner_client, owned_ikm):
    response = owner_client.post(
        f"/registri/ikm/{owned_ikm.pk}/usulan/kontak/",
        {"phone": "call me", "address": "Jl. Kuin Utara 1"},
    )
    assert list(response.context["form"].errors) == ["phone"]
    assert not ChangeProposal.objects.exists()


def test_an_owner_proposes_a_new_product_and_a_change_to_one(owner_client, owned_ikm):
    product = ProductFactory(ikm=owned_ikm, name="Amplang", brand="Salmah", capacity=10)
    owner_client.post(
        f"/registri/ikm/{owned_ikm.pk}/usulan/produk/",
        {"name": "Kerupuk Haruan", "capacity": "12.5", "capacity_unit": "kg/bulan"},
    )
    owner_client.post(
        f"/registri/ikm/{owned_ikm.pk}/usulan/produk/{product.pk}/",
        {"name": "Amplang", "brand": "Salmah", "capacity": "40", "is_published": "on"},
    )
    new, changed = ChangeProposal.objects.order_by("pk")
    assert (new.product, new.changes["name"], new.changes["capacity"]) == (
        None,
        "Kerupuk Haruan",
        "12.5",
    )
    assert (changed.product, changed.changes) == (
        product,
        {"capacity": "40", "is_published": True},
    )
    assert Product.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["registry:contact_proposal", "registry:product_proposal", "registry:proposal_review"]
)
def test_staff_cannot_post_owner_forms_and_owners_cannot_review(client, users, owned_ikm, name):
    proposal = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    path = {
        "registry:contact_proposal": f"/registri/ikm/{owned_ikm.pk}/usulan/kontak/",
        "registry:product_proposal": f"/registri/ikm/{owned_ikm.pk}/usulan/produk/",
        "registry:proposal_review": f"/registri/usulan/{proposal.pk}/",
    }[name]
    user = users["ikm_owner"] if name == "registry:proposal_review" else users["officer"]
    client.force_login(user)
    response = client.post(path, {"phone": "083333333333", "decision": "accept"})
    assert response.status_code == 403
    assert ChangeProposal.objects.get().status == ProposalStatus.PENDING
    assert ChangeProposal.objects.count() == 1


# Review


def test_the_queue_lists_the_pending_proposals_of_the_city_only(client, users, owned_ikm):
    waiting = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    ChangeProposalFactory(
        ikm=owned_ikm, proposed_by=users["ikm_owner"], status=ProposalStatus.REJECTED
    )
    ChangeProposalFactory(ikm=IkmFactory(banjarbaru=True))
    client.force_login(users["officer"])
    response = client.get("/registri/usulan/")
    assert list(response.context["page"].object_list) == [waiting]
    ikm_page = client.get(owned_ikm.get_absolute_url())
    assert list(ikm_page.context["proposals"]) == [waiting]
    assert f"/registri/usulan/{waiting.pk}/" in ikm_page.content.decode()


def test_the_review_page_shows_values_now_and_proposed(client, users, owned_ikm):
    proposal = ChangeProposalFactory(
        ikm=owned_ikm, proposed_by=users["ikm_owner"], changes={"phone": "082222222222"}
    )
    client.force_login(users["supervisor"])
    response = client.get(f"/registri/usulan/{proposal.pk}/")
    assert [(c.current, c.proposed) for c in response.context["changes"]] == [
        ("081111111111", "082222222222")
    ]


def test_the_review_of_a_new_product_has_nothing_now(client, users, owned_ikm):
    proposal = ChangeProposalFactory(
        ikm=owned_ikm,
        proposed_by=users["ikm_owner"],
        kind=ProposalKind.PRODUCT,
        changes={"name": "Kerupuk", "capacity": "12.50", "is_published": False},
    )
    client.force_login(users["officer"])
    changes = client.get(f"/registri/usulan/{proposal.pk}/").context["changes"]
    assert [change.current for change in changes] == [None, None, None]
    assert [change.proposed for change in changes[:2]] == ["Kerupuk", Decimal("12.50")]


def test_accepting_applies_the_change_and_the_owner_sees_the_result(client, users, owned_ikm):
    proposal = ChangeProposalFactory(
        ikm=owned_ikm, proposed_by=users["ikm_owner"], changes={"phone": "082222222222"}
    )
    client.force_login(users["officer"])
    response = client.post(f"/registri/usulan/{proposal.pk}/", {"decision": "accept"})
    assert response.status_code == 302
    assert Ikm.objects.get(pk=owned_ikm.pk).phone == "082222222222"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, users["officer"])
    client.force_login(users["ikm_owner"])
    page = client.get(owned_ikm.get_absolute_url())
    assert [p.status for p in page.context["proposals"]] == [ProposalStatus.ACCEPTED]


def test_rejecting_without_a_note_is_refused_next_to_the_note(client, users, owned_ikm):
    proposal = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    client.force_login(users["officer"])
    response = client.post(f"/registri/usulan/{proposal.pk}/", {"decision": "reject"})
    assert list(response.context["form"].errors) == ["decision_note"]
    assert ChangeProposal.objects.get().status == ProposalStatus.PENDING
    response = client.post(
        f"/registri/usulan/{proposal.pk}/",
        {"decision": "reject", "decision_note": "Nomor tidak aktif."},
    )
    assert response.status_code == 302
    client.force_login(users["ikm_owner"])
    assert "Nomor tidak aktif." in client.get(owned_ikm.get_absolute_url()).content.decode()


def test_a_decided_proposal_cannot_be_decided_again_through_the_page(client, users, owned_ikm):
    proposal = ChangeProposalFactory(
        ikm=owned_ikm, proposed_by=users["ikm_owner"], status=ProposalStatus.REJECTED
    )
    client.force_login(users["officer"])
    response = client.post(f"/registri/usulan/{proposal.pk}/", {"decision": "accept"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["pending"] is False
    assert Ikm.objects.get(pk=owned_ikm.pk).phone == "081111111111"


def test_a_missing_decision_changes_nothing(client, users, owned_ikm):
    proposal = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    client.force_login(users["officer"])
    response = client.post(f"/registri/usulan/{proposal.pk}/", {"decision": "maybe"})
    assert response.context["form"].non_field_errors()
    assert ChangeProposal.objects.get().status == ProposalStatus.PENDING


@pytest.mark.parametrize(
    ("role", "status"), [("provincial_officer", 403), ("other_city_officer", 404)]
)
def test_the_province_and_other_cities_cannot_decide(client, users, owned_ikm, role, status):
    proposal = ChangeProposalFactory(ikm=owned_ikm, proposed_by=users["ikm_owner"])
    client.force_login(users[role])
    response = client.post(f"/registri/usulan/{proposal.pk}/", {"decision": "accept"})
    assert response.status_code == status
    assert ChangeProposal.objects.get().status == ProposalStatus.PENDING


@pytest.mark.parametrize(
    ("role", "status"), [("provincial_officer", 403), ("other_city_officer", 404)]
)
def test_only_the_citys_staff_create_owner_accounts(client, users, owned_ikm, role, status):
    client.force_login(users[role])
    response = client.post(
        f"/registri/ikm/{owned_ikm.pk}/akun-pemilik/", {"username": "x", "full_name": "X"}
    )
    assert response.status_code == status
    assert not User.objects.filter(username="x").exists()
