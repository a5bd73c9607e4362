"""Job board postings demo (idempotent): Laurentides Génie's group has a logo, may pay by
invoice, bought packages, and has a posting in every status, with one in the regulator's inbox."""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from billing.models import BillingProfile, Product
from billing.services import address_create, cart_set, order_create_from_cart, order_place_invoice
from jobboard.postings import services
from jobboard.postings.models import Posting, ReferenceItem
from portal.models import Group
from portal.services.reviews import review_decide

S = Posting.State
TITLES = [
    # (French title, English title, the status it ends in)
    ("Ingénieur·e en structures", "Structural engineer", S.ACTIVE),
    ("Ingénieur·e de projet municipal", "Municipal project engineer", S.IN_VALIDATION),
    ("Chargé·e de projets en eau potable", "Drinking water project lead", S.TO_REVISE),
    ("Ingénieur·e en transport", "Transportation engineer", S.SCHEDULED),
    ("CPI en génie civil", "Civil engineering CPI", S.DRAFT),
    ("Ingénieur·e géotechnique", "Geotechnical engineer", S.EXPIRED),
    ("Ingénieur·e en environnement", "Environmental engineer", S.ARCHIVED),
]


def _logo() -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), (0, 70, 140))
    ImageDraw.Draw(image).text((20, 50), "Laurentides Génie", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="laurentides.png")


def _item(kind: str, n: int = 0) -> ReferenceItem:
    return ReferenceItem.objects.filter(kind=kind).order_by("order")[n]


def _posting(group, user, title_fr, title_en, n) -> Posting:
    cpi = "CPI" in title_fr
    posting = Posting.objects.create(
        group=group,
        created_by=user,
        profile=Posting.Profile.CPI if cpi else Posting.Profile.ENGINEER,
        step="preview",
        title_fr=title_fr,
        title_en=title_en,
        function_type=_item("function", n % 4),
        employment_type=Posting.EmploymentType.PERMANENT,
        position_status=Posting.PositionStatus.FULL_TIME,
        work_mode=Posting.WorkMode.HYBRID,
        apply_deadline=timezone.localdate() + datetime.timedelta(days=60),
        salary_note="Selon l'expérience",
        years_on_roll="" if cpi else Posting.Years.FIVE,
        location_kind=Posting.Location.ADDRESS,
        street_address="1200 boulevard Laurier",
        city="Québec",
        postal_code="G1V 4T3",
        purpose_fr="<p>Se joindre à notre équipe d'infrastructures municipales.</p>",
        duties_fr="<ul><li>Concevoir les ouvrages</li><li>Surveiller les chantiers</li></ul>",
        qualifications_fr="<p>Membre de l'Ordre, 5 ans d'expérience.</p>",
        purpose_en="<p>Join our municipal infrastructure team.</p>",
        duties_en="<ul><li>Design the works</li><li>Oversee the sites</li></ul>",
        qualifications_en="<p>Member of the Order, 5 years of experience.</p>",
        more_fr="<p>Horaire flexible, régime de retraite.</p>",
        apply_mode=Posting.ApplyMode.URL,
        apply_url="https://laurentides.example.ca/carrieres",
    )
    posting.domains.set([_item("field", 4), _item("field", 7)])
    posting.interests.set([_item("interest", 0)])
    return posting


@transaction.atomic
def seed() -> None:
    group = (
        Group.objects.filter(service="jobboard", organisation__registry_number="1171234567")
        .select_related("organisation")
        .first()
    )
    if group is None or Posting.objects.filter(group=group).exists():
        return
    employer = User.objects.get(email="employer@example.com")
    regulator = User.objects.get(email="regulator@example.com")
    if not (group.logo or group.organisation.logo):
        group.logo.save("laurentides.png", _logo(), save=True)
    BillingProfile.objects.update_or_create(
        organisation=group.organisation, service="jobboard", defaults={"invoice_eligible": True}
    )
    address = address_create(
        group=group,
        name="Génie Conseil Laurentides inc.",
        street_address="1200 boulevard Laurier",
        city="Québec",
        province="QC",
        postal_code="G1V 4T3",
    )
    for code, quantity in (("jobboard-engineer-10", 1), ("jobboard-cpi-1", 1)):
        cart_set(
            group=group, product=Product.objects.get(code=code), quantity=quantity, actor=employer
        )
    order = order_create_from_cart(group=group, buyer=employer, address=address)
    order_place_invoice(order=order, actor=employer)

    today = timezone.localdate()
    for n, (title_fr, title_en, final) in enumerate(TITLES):
        posting = _posting(group, employer, title_fr, title_en, n)
        if final == S.DRAFT:
            continue
        if final == S.SCHEDULED:
            posting.publish_mode = Posting.PublishMode.ON_DATE
            posting.publish_on = services.earliest_publication(today) + datetime.timedelta(days=7)
            posting.save()
        posting = services.posting_submit(posting=posting, actor=employer)
        if final == S.IN_VALIDATION:
            continue
        review = _review(posting)
        if final == S.TO_REVISE:
            review_decide(
                review=review,
                actor=regulator,
                decision="request_changes",
                note="Précisez les qualifications requises.",
            )
            continue
        review_decide(review=review, actor=regulator, decision="approve")
        if final in {S.EXPIRED, S.ARCHIVED}:
            posting = services.posting_end(posting=posting, actor=employer)
        if final == S.ARCHIVED:
            services.posting_archive(posting=posting, actor=employer)


def _review(posting):
    from django.contrib.contenttypes.models import ContentType

    from portal.models import Review

    return Review.objects.get(
        kind=services.POSTING_REVIEW,
        subject_type=ContentType.objects.get_for_model(Posting),
        subject_id=posting.pk,
        state=Review.State.OPEN,
    )
