import pytest

from tests.factories import IkmFactory, LicenceDocumentFactory, LicenceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(users):
    licence = LicenceFactory(ikm=IkmFactory(owners=[users["ikm_owner"]]))
    return LicenceDocumentFactory(licence=licence, original_name="Sertifikat P-IRT.pdf")


def download(client, user, path):
    client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize("role", ["officer", "provincial_officer", "ikm_owner"])
def test_whoever_sees_the_licence_downloads_its_document_as_an_attachment(
    client, users, document, role
):
    response = download(client, users[role], document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="Sertifikat P-IRT.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_owner_b_cannot_download_owner_a_s_document_by_url(client, document):
    owner_b = UserFactory(owner=True)
    LicenceFactory(ikm=IkmFactory(owners=[owner_b]))
    assert download(client, owner_b, document.get_absolute_url()).status_code == 404


def test_another_city_cannot_download_it(client, users, document):
    response = download(client, users["other_city_officer"], document.get_absolute_url())
    assert response.status_code == 404


def test_a_document_asked_for_under_another_licence_is_not_found(client, users, document):
    own_licence = LicenceFactory(ikm=document.licence.ikm)
    path = f"/perizinan/{own_licence.pk}/dokumen/{document.pk}/"
    assert download(client, users["ikm_owner"], path).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, document):
    response = client.get(document.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
