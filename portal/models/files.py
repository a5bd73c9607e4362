import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimeStampedModel


def _private_storage():
    return storages["private"]


def _private_path(instance: "PrivateFile", filename: str) -> str:
    # Generated name: the user's file name is kept only in `original_name`.
    return f"{timezone.now():%Y/%m}/{instance.pk}.{instance.extension}"


class PrivateFile(TimeStampedModel):
    """An uploaded file that only allowed users may download (see portal.files)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="private_files",
    )
    file = models.FileField(storage=_private_storage, upload_to=_private_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    # What the file belongs to (an application, a case…); its app decides who may see it.
    attached_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    attached_id = models.CharField(max_length=64, null=True, blank=True)
    attached_to = GenericForeignKey("attached_type", "attached_id")

    class Meta:
        verbose_name = _("private file")
        verbose_name_plural = _("private files")
        indexes = [
            # Listing the files of one object (an application's documents).
            models.Index(fields=["attached_type", "attached_id"], name="privatefile_attached"),
        ]

    def __str__(self) -> str:
        return self.original_name
