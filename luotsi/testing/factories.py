"""factory_boy factories shared by every app's tests."""

import datetime

import factory

from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="fi_FI")
    role = Role.RESIDENT
    preferred_language = "fi"
    password = factory.django.Password(TEST_PASSWORD)


class OfficerAssignmentFactory(factory.django.DjangoModelFactory[OfficerAssignment]):
    class Meta:
        model = OfficerAssignment
        skip_postgeneration_save = True

    officer = factory.SubFactory(UserFactory, role=Role.DISTRICT_OFFICER)
    kind = AssignmentKind.DISTRICT
    starts_on = datetime.date(2025, 1, 1)
    ends_on = None

    @factory.post_generation
    def major_districts(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.major_districts.set(extracted)
