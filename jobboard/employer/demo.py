"""Demo data of the employer side (idempotent): a few hundred imported companies with
duplicates, and the demo company's posting information with a logo, so the demo people
(Émile the principal manager, Julie posting manager, Marc finance) can submit postings."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from accounts.models import User
from jobboard.employer.models import EmployerApplication, EmployerGroupProfile, EmployerPerson
from portal.models import Group, Membership, Organisation

PREFIXES = [
    "Génie",
    "Ingénierie",
    "Groupe conseil",
    "Structures",
    "Hydro-Services",
    "Bâtiments",
    "Infrastructures",
    "Solutions techniques",
    "Géotechnique",
    "Électro-Conseil",
]
PLACES = [
    ("Beauce", "Saint-Georges", "G5Y 2B8"),
    ("Saguenay", "Chicoutimi", "G7H 5B1"),
    ("Outaouais", "Gatineau", "J8X 3X7"),
    ("Mauricie", "Trois-Rivières", "G9A 5H3"),
    ("Estrie", "Sherbrooke", "J1H 4A6"),
    ("Gaspésie", "Gaspé", "G4X 1A9"),
    ("Abitibi", "Rouyn-Noranda", "J9X 5C6"),
    ("Montérégie", "Longueuil", "J4K 2T5"),
    ("Lanaudière", "Joliette", "J6E 3Z9"),
    ("Charlevoix", "Baie-Saint-Paul", "G3Z 1T4"),
    ("Côte-Nord", "Baie-Comeau", "G4Z 1K5"),
    ("Capitale", "Québec", "G1R 4S9"),
    ("Métropole", "Montréal", "H3B 4W8"),
    ("Laval", "Laval", "H7N 5H9"),
    ("Bas-Saint-Laurent", "Rimouski", "G5L 3A5"),
]
SUFFIXES = ["inc.", "ltée", "S.E.N.C."]
COMPANIES = 250
FIRST_NEQ = 1180000000


def _unaccented_upper(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.upper().replace(".", "")


def imported_companies() -> list[Organisation]:
    """250 companies from the engineers' workplaces, a quarter of them entered twice (or three
    times) in different ways: same NEQ, another spelling, sometimes another postal code."""
    rows = []
    for i in range(COMPANIES):
        prefix = PREFIXES[i % len(PREFIXES)]
        region, city, postal_code = PLACES[(i // len(PREFIXES)) % len(PLACES)]
        name = f"{prefix} {region} {i // (len(PREFIXES) * len(PLACES)) + 1} {SUFFIXES[i % 3]}"
        neq = str(FIRST_NEQ + i)
        common = {
            "registry_number": neq,
            "street_address": f"{100 + i} rue Principale",
            "city": city,
            "province": "QC",
            "phone": f"418-555-{1000 + i:04d}",
            "imported": True,
            "status": Organisation.Status.ACTIVE,
        }
        rows.append(Organisation(legal_name=name, postal_code=postal_code, **common))
        if i % 4 == 0:
            rows.append(
                Organisation(legal_name=_unaccented_upper(name), postal_code=postal_code, **common)
            )
        if i % 10 == 0:  # a third entry, with the head office's postal code missing
            rows.append(Organisation(legal_name=f"{prefix} {region}", postal_code="", **common))
    return rows


def _logo_png(text: str) -> bytes:
    image = Image.new("RGB", (240, 120), (10, 88, 202))
    ImageDraw.Draw(image).text((20, 45), text, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _people(group: Group) -> None:
    for email, title, extension in [
        ("employer@example.com", "Directeur de l’ingénierie", "201"),
        ("julie@example.com", "Conseillère en recrutement", "214"),
        ("marc@example.com", "Finance manager", "230"),
    ]:
        user = User.objects.filter(email=email).first()
        if user is not None:
            EmployerPerson.objects.get_or_create(
                user=user, defaults={"job_title": title, "phone_extension": extension}
            )


def _company_information(group: Group) -> None:
    if not group.logo:
        group.logo.save("laurentides.png", ContentFile(_logo_png("Laurentides Genie")), save=False)
        group.description = group.description or (
            "Notre bureau de Québec conçoit les infrastructures municipales de la région."
        )
        group.website = group.website or "https://laurentides.example.ca"
        group.phone = group.phone or "418-555-0142"
        group.save(update_fields=["logo", "description", "website", "phone", "updated_at"])
    EmployerGroupProfile.objects.get_or_create(
        group=group,
        defaults={
            "company_name": "Laurentides Génie",
            "company_description": (
                "Firme d’ingénierie civile et municipale fondée en 1987 : eau potable, "
                "voirie, structures. 120 personnes à Québec et dans les Laurentides."
            ),
        },
    )


def _waiting_request() -> None:
    """Nora's request to join the demo group, as the onboarding would have sent it."""
    membership = (
        Membership.objects.filter(
            user__email="newcomer@example.com", status=Membership.Status.REQUESTED
        )
        .select_related("user", "group__organisation")
        .first()
    )
    if membership is None or EmployerApplication.objects.filter(user=membership.user).exists():
        return
    organisation = membership.group.organisation
    EmployerApplication.objects.create(
        user=membership.user,
        state=EmployerApplication.State.SUBMITTED,
        path=EmployerApplication.Path.JOIN_GROUP,
        organisation=organisation,
        group=membership.group,
        legal_name=organisation.legal_name,
        street_address=organisation.street_address,
        city=organisation.city,
        province=organisation.province,
        country="Canada",
        postal_code=organisation.postal_code,
        company_phone=organisation.phone,
        company_confirmed=True,
        phone="418-555-0177",
        job_title="Ingénieure de projet",
        about_done=True,
        membership=membership,
        submitted_at=membership.created_at,
    )


@transaction.atomic
def seed() -> None:
    if not Organisation.objects.filter(registry_number=str(FIRST_NEQ), imported=True).exists():
        Organisation.objects.bulk_create(imported_companies())
    group = Group.objects.filter(
        organisation__legal_name="Génie Conseil Laurentides inc.",
        name=Group.DEFAULT_NAME,
        service="jobboard",
    ).first()
    if group is not None:
        _company_information(group)
        _people(group)
    _waiting_request()
