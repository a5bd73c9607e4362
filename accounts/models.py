import functools
from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.staff import StaffRole, StaffRoleField


class Language(models.TextChoices):
    # Each language is named in itself, as a language switcher shows it.
    FR = "fr", "Français"
    EN = "en", "English"


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

    def get(self, *args: Any, **kwargs: Any) -> "User":
        """`get(pk=<int>)` runs a query compiled once per process: the authentication backend
        reads the user this way on every signed-in request, and building the query through the
        ORM cost more than running it (issue 19). Any other lookup goes through the ORM."""
        pk = kwargs.get("pk")
        if args or len(kwargs) != 1 or type(pk) is not int or self.db != DEFAULT_DB_ALIAS:
            return super().get(*args, **kwargs)
        connection = connections[DEFAULT_DB_ALIAS]
        sql, fields = _user_by_pk_sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        values = [
            f.from_db_value(v, None, connection) if hasattr(f, "from_db_value") else v
            for f, v in zip(fields, row, strict=True)
        ]
        return self.model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], values)


_ANY_PK = -987654321  # stands for the id in the query compiled once


@functools.cache
def _user_by_pk_sql() -> tuple[str, tuple]:
    """The ORM's `User.objects.filter(pk=…)` as SQL, and the fields of its columns in order."""
    query = User._default_manager.filter(pk=_ANY_PK).query
    sql, params = query.sql_with_params()
    assert list(params) == [_ANY_PK], params  # noqa: S101 - the shape this relies on
    return sql, tuple(User._meta.concrete_fields)


class User(AbstractUser):
    """One account for all five services (C2); the e-mail address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.FR
    )
    # The primary office, read as every office held (accounts/staff.py); the offices and
    # levels themselves: {office: "reviewer" | "supervisor"}, set by portal.console.services.
    staff_role = StaffRoleField(_("staff role"), max_length=32, choices=StaffRole, blank=True)
    staff_offices = models.JSONField(_("offices"), default=dict, db_default={}, blank=True)

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
        indexes = [
            # Office staff (colleagues to give an item to, the staff page): a few rows.
            models.Index(
                fields=["staff_role"], condition=~models.Q(staff_role=""), name="user_staff_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email


class SeatLimit(models.Model):
    """S9: an organisation's licensed number of concurrent users. Its row is locked while a
    sign-in counts the seats in use, so two sign-ins for the last seat cannot both pass."""

    organisation = models.OneToOneField(
        "portal.Organisation", on_delete=models.CASCADE, related_name="seat_limit"
    )
    seats = models.PositiveIntegerField(_("seats"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("seat limit")
        verbose_name_plural = _("seat limits")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.seats}"


class Seat(models.Model):
    """One signed-in session of a member of a seat-limited organisation. A user with several
    sessions counts once; the row goes on sign-out, expiry, idle timeout or when found stale."""

    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.CASCADE, related_name="seats"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="seats")
    session_key = models.CharField(max_length=40)
    taken_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "session_key"], name="seat_org_session_unique"
            ),
        ]
        indexes = [
            # seat_release / seat_touch: the seats of one session.
            models.Index(fields=["session_key"], name="seat_session_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.user_id}"
