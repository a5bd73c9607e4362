from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    # Each language is named in itself, as a language switcher shows it.
    FR = "fr", "Français"
    EN = "en", "English"


class StaffRole(models.TextChoices):
    """Office staff: each role reviews only its own service's queues."""

    ACCREDITATION_OFFICE = "accreditation_office", _("Accreditation office (operator matching)")
    REGULATOR = "regulator", _("Regulator (job board)")
    CERTIFICATION_OFFICE = "certification_office", _("Certification office (licensing)")
    MINISTRY = "ministry", _("Ministry (summer jobs)")
    CITY = "city", _("City (building permits)")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """One account for all five services (C2); the e-mail address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.FR
    )
    staff_role = models.CharField(_("staff role"), max_length=32, choices=StaffRole, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Addresses differing only in case are the same person.
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email
