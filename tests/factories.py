"""factory_boy factories for every app; traits name the states tests need."""

import factory
from django.contrib.auth.hashers import make_password

from registry.models import Ikm, Sentra
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
