import factory

from samverka.accounts.models import RoleAssignment, User
from samverka.core.tests.factories import RegionFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Testa Testsson {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    role = "officer"


def staff_user(region, *roles: str, **kwargs) -> User:
    """A user holding `roles` (default: officer) in `region`."""
    user = UserFactory(**kwargs)
    for role in roles or ("officer",):
        RoleAssignmentFactory(user=user, region=region, role=role)
    return user
