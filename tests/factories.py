import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "correct-horse-battery"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose e-mail address is verified, able to sign in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    language = "fr"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portal.Organisation"

    legal_name = factory.Sequence(lambda n: f"Entreprise {n} inc.")
    registry_number = factory.Sequence(lambda n: f"{1160000000 + n}")
    street_address = "1 rue Principale"
    city = "Québec"
    province = "QC"
    postal_code = "G1R 4S9"
    phone = "418-555-0100"
    status = "active"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portal.Group"

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Group 001"
    service = "jobboard"
    status = "active"


def make_member(user, group, roles=(), status="active"):
    """An active member with roles, through the same permission sync the services use."""
    from portal.models import Membership
    from portal.services.permissions import sync_member_permissions

    membership = Membership.objects.create(user=user, group=group, status=status, roles=list(roles))
    sync_member_permissions(membership)
    return membership
