"""People who sign in to Luotsi, their role, and the history of officer assignments."""

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.validators import validate_language_codes, validate_phone
from luotsi.areas.models import MajorDistrict


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    DISTRICT_OFFICER = "district_officer", _("District liaison officer")
    BUSINESS_OFFICER = "business_officer", _("Business liaison officer")
    OFFICIAL = "official", _("City official")
    RESIDENT = "resident", _("Resident")


STAFF_ROLES = frozenset(
    {Role.COORDINATOR, Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER, Role.OFFICIAL}
)
OFFICER_ROLES = frozenset({Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        # E-mail addresses are unique case-insensitively (see the constraint on User).
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("role", Role.COORDINATOR)
        extra["is_superuser"] = True
        return self.create_user(email, password, **extra)


def normalize_email(email: str) -> str:
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role, default=Role.RESIDENT)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.MESSAGE_LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Officers' public contact details, shown on "find your liaison officer".
    phone = models.CharField(
        _("work phone"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("International format, e.g. +358 9 310 12345."),
    )
    spoken_languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. fi, sv, en, so."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Clear this instead of deleting the account, so that history is kept."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="accounts_user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Access to the Django admin: the coordinator (and technical superusers) only.

        Officers and officials work in Luotsi's own pages, which apply the district-scoped
        permissions; the admin does not.
        """
        return self.is_active and (self.is_superuser or self.role == Role.COORDINATOR)

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def spoken_language_codes(self) -> list[str]:
        return [code.strip() for code in self.spoken_languages.split(",") if code.strip()]

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AssignmentKind(models.TextChoices):
    DISTRICT = "district", _("District liaison")
    BUSINESS = "business", _("Business liaison (city-wide)")


class OfficerAssignmentQuerySet(models.QuerySet["OfficerAssignment"]):
    def active_on(self, day: datetime.date) -> "OfficerAssignmentQuerySet":
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )

    def current(self) -> "OfficerAssignmentQuerySet":
        return self.active_on(timezone.localdate())


class OfficerAssignment(models.Model):
    """An officer covering one or more major districts (or the whole city) for a period.

    Rows are never deleted when an officer leaves: the end date is set, so the history of who
    covered which district when stays available for handover.
    """

    officer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("officer")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AssignmentKind)
    major_districts = models.ManyToManyField(
        MajorDistrict,
        blank=True,
        related_name="assignments",
        verbose_name=_("major districts"),
        help_text=_("Leave empty for a city-wide business liaison assignment."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Last day; empty while ongoing.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OfficerAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("officer assignment")
        verbose_name_plural = _("officer assignments")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="accounts_assignment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AssignmentKind.values),
                name="accounts_assignment_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer} ({self.get_kind_display()}, {self.starts_on}–{self.ends_on or ''})"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token itself is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
