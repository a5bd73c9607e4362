"""Helpers of the employer-side tests."""

import importlib
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jobboard.employer.models import FreeMailDomain


def load_free_mail_list() -> None:
    migration = importlib.import_module("jobboard.migrations.0003_reference_data")
    for domain in migration.FREE_MAIL_DOMAINS:
        FreeMailDomain.objects.get_or_create(domain=domain)


def png(name: str = "logo.png", size=(120, 60)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 88, 202)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


COMPANY = {
    "legal_name": "Génie Nordique inc.",
    "street_address": "500 Grande Allée Est",
    "city": "Québec",
    "province": "QC",
    "country": "Canada",
    "postal_code": "G1R 2J7",
    "company_phone": "418-555-0150",
}
ABOUT = {"phone": "418-555-0151", "phone_extension": "12", "job_title": "Directrice RH"}
