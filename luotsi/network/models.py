"""The officer's memory: organisations, contacts, relationships, interactions, commitments
and knowledge notes, each tied to a district so the next officer inherits them.

Personal data (Contact) is private to its district unless shared, needs a recorded lawful
basis to exist at all (a database constraint), and is erased by anonymisation so that the
interaction history stays intact.
"""

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.validators import validate_language_codes, validate_phone
from luotsi.areas.located import LocatedModel
from luotsi.areas.models import District, SubDistrict
from luotsi.network.validators import tol_code, validate_business_id


class Topic(models.Model):
    """One nested taxonomy shared by every app (events, concerns and budgeting use it too)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader topic"),
    )

    # modeltranslation swaps in its multilingual manager at start-up; declared for mypy.
    objects: ClassVar[models.Manager["Topic"]] = models.Manager()

    if TYPE_CHECKING:
        name_fi: str | None
        name_sv: str | None
        name_en: str | None

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["parent__name", "name"]

    def __str__(self) -> str:
        return f"{self.parent} › {self.name}" if self.parent_id else self.name


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private to the district")
    SHARED = "shared", _("Shared with all officers")


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association or civil society organisation")
    SCHOOL = "school", _("School or educational institution")
    BUSINESS = "business", _("Business")
    HOUSING_COMPANY = "housing_company", _("Housing company")
    RELIGIOUS = "religious", _("Religious community")
    POLITICAL = "political", _("Political group")
    INTEREST_GROUP = "interest_group", _("Interest group")
    CITY_DEPARTMENT = "city_department", _("City department")
    OTHER = "other", _("Other")


class PreferredLanguage(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class Stamped(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Organisation(LocatedModel, Stamped):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    languages = models.CharField(
        _("languages used"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. fi, sv, en, so."),
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    is_active = models.BooleanField(_("active"), default=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.SHARED
    )
    # The business register (mostly for kind=business, but associations and housing
    # companies have business IDs too, so the fields are not limited to businesses).
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("The Finnish business ID (Y-tunnus), e.g. 0201256-6."),
    )
    trade_names = models.TextField(
        _("trade names"),
        blank=True,
        help_text=_("Other names the business trades under, one per line."),
    )
    sector = models.CharField(
        _("sector"),
        max_length=200,
        blank=True,
        help_text=_("A TOL 2008 industry code (e.g. 56101) or a description."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, blank=True, choices=PreferredLanguage
    )

    objects: ClassVar[models.Manager["Organisation"]] = models.Manager()

    if TYPE_CHECKING:
        name_fi: str | None
        name_sv: str | None
        name_en: str | None

    class Meta(LocatedModel.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            *LocatedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(visibility=Visibility.SHARED) | Q(district__isnull=False),
                name="network_organisation_private_has_district",
            ),
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="network_organisation_unique_business_id",
                violation_error_message=_("This business ID is already in the register."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def trade_name_list(self) -> list[str]:
        return [line.strip() for line in self.trade_names.splitlines() if line.strip()]

    @property
    def tol_code(self) -> str | None:
        return tol_code(self.sector)


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", _("Consent (GDPR art. 6(1)(a))")
    PUBLIC_TASK = "public_task", _("Public task (GDPR art. 6(1)(e))")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (GDPR art. 6(1)(f))")


class ConsentSource(models.TextChoices):
    IN_PERSON = "in_person", _("Given in person")
    FORM = "form", _("Form or sign-up")
    EMAIL = "email", _("By e-mail")
    PUBLIC_ROLE = "public_role", _("Public role (e.g. chair of an association)")
    OTHER = "other", _("Other")


class Contact(Stamped):
    """A person in the officer's network. Personal data: purpose is the liaison work;
    erased after RETENTION_CONTACTS_INACTIVE_DAYS without interactions, once the district's
    officers have been warned (luotsi/network/retention.py)."""

    full_name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[validate_phone])
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, blank=True, validators=[validate_language_codes]
    )
    spoken_languages = models.CharField(
        _("languages spoken"), max_length=100, blank=True, validators=[validate_language_codes]
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.PRIVATE
    )
    lawful_basis = models.CharField(_("lawful basis"), max_length=24, choices=LawfulBasis)
    consent_purpose = models.CharField(_("purpose"), max_length=300)
    consent_source = models.CharField(_("source"), max_length=20, choices=ConsentSource)
    consent_date = models.DateField(_("date of consent or record"))
    consent_wording_version = models.CharField(
        _("version of the wording shown"), max_length=50, blank=True
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    # When the district's officers were warned that the contact, inactive for long, is about
    # to be erased (luotsi/network/retention.py); cleared when an interaction is logged.
    retention_warned_at = models.DateTimeField(
        _("erasure warning sent"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lawful_basis__in=LawfulBasis.values)
                & ~Q(consent_purpose="")
                & Q(consent_source__in=ConsentSource.values),
                name="network_contact_has_lawful_basis",
            ),
            models.CheckConstraint(
                condition=Q(visibility=Visibility.SHARED) | Q(district__isnull=False),
                name="network_contact_private_has_district",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class Affiliation(models.Model):
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("contact")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="network_affiliation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} – {self.organisation}"


class RelationshipType(models.Model):
    forward = models.CharField(_("label from the first party"), max_length=100)
    backward = models.CharField(_("label from the second party"), max_length=100)

    objects: ClassVar[models.Manager["RelationshipType"]] = models.Manager()

    class Meta:
        verbose_name = _("relationship type")
        verbose_name_plural = _("relationship types")
        ordering = ["forward"]

    def __str__(self) -> str:
        return f"{self.forward} / {self.backward}"


class Relationship(models.Model):
    """A typed link between two parties, each a contact or an organisation."""

    kind = models.ForeignKey(
        RelationshipType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    from_contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(from_contact__isnull=True) ^ Q(from_organisation__isnull=True))
                & (Q(to_contact__isnull=True) ^ Q(to_organisation__isnull=True)),
                name="network_relationship_one_party_each_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first} {self.kind.forward} {self.second}"

    @property
    def first(self) -> "Contact | Organisation":
        return self.from_contact or self.from_organisation  # type: ignore[return-value]

    @property
    def second(self) -> "Contact | Organisation":
        return self.to_contact or self.to_organisation  # type: ignore[return-value]


class Channel(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Phone call")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit")
    EVENT = "event", _("Event")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OTHER = "other", _("Other")


class Interaction(models.Model):
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="interactions", verbose_name=_("contacts")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="interactions", verbose_name=_("organisations")
    )
    topics: "models.ManyToManyField[Topic, Any]" = models.ManyToManyField(
        Topic, blank=True, related_name="+", verbose_name=_("topics")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    sub_district = models.ForeignKey(
        SubDistrict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sub-district"),
    )
    summary = models.TextField(_("summary"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["district", "-occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_channel_display()}"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def open(self) -> "CommitmentQuerySet":
        return self.filter(status=CommitmentStatus.OPEN)

    def overdue(self, day: datetime.date | None = None) -> "CommitmentQuerySet":
        return self.open().filter(due_on__lt=day or timezone.localdate())


class Commitment(models.Model):
    """ "Promised X to Y by date": owned by one person until done or handed over."""

    description = models.CharField(_("what was promised"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus, default=CommitmentStatus.OPEN
    )
    interaction = models.ForeignKey(
        Interaction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("interaction"),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("to whom (person)"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("to whom (organisation)"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects: ClassVar[CommitmentQuerySet] = CommitmentQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CommitmentStatus.OPEN, closed_at__isnull=True)
                | (~Q(status=CommitmentStatus.OPEN) & Q(closed_at__isnull=False)),
                name="network_commitment_closed_when_not_open",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.status == CommitmentStatus.OPEN and self.due_on < timezone.localdate()


class KnowledgeNote(Stamped):
    """What an officer has learnt about grassroots activity in an area."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("note"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    organisations: "models.ManyToManyField[Organisation, Any]" = models.ManyToManyField(
        Organisation, blank=True, related_name="notes", verbose_name=_("organisations")
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.PRIVATE
    )

    class Meta:
        verbose_name = _("knowledge note")
        verbose_name_plural = _("knowledge notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Checked, waiting for confirmation")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportBatch(models.Model):
    """An uploaded contact list: checked row by row first, imported only when confirmed.

    `rows` holds each row's values, problems and duplicate candidate (JSON), so the preview
    and the import see exactly the same thing.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    filename = models.CharField(_("file"), max_length=200)
    columns = models.JSONField(_("columns of the file"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)
    consent = models.JSONField(_("lawful basis for every row"), default=dict)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default district"),
    )
    raw_rows = models.JSONField(_("rows as uploaded"), default=list)
    rows = models.JSONField(_("checked rows"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus, default=ImportStatus.PREVIEW
    )
    created = models.PositiveIntegerField(_("people added"), default=0)
    merged = models.PositiveIntegerField(_("duplicates merged"), default=0)
    skipped = models.PositiveIntegerField(_("rows skipped"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def rejected(self) -> list[dict[str, Any]]:
        return [row for row in self.rows if row["errors"]]

    @property
    def duplicates(self) -> list[dict[str, Any]]:
        return [row for row in self.rows if not row["errors"] and row["duplicate_of"]]

    @property
    def good(self) -> list[dict[str, Any]]:
        return [row for row in self.rows if not row["errors"] and not row["duplicate_of"]]
