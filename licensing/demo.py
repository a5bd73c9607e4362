"""Licensing demo (idempotent): a mining company that bought licences by invoice, codes in
every state, and employees at each step (applied, approved, refused, redeemed, certified)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from billing.models import BillingProfile, Order, Product
from billing.services import (
    address_create,
    cart_set,
    order_create_from_cart,
    order_place_invoice,
)
from licensing import services
from licensing.models import Application, LicenceCode
from licensing.queries import certifications
from portal.demo import DemoAccount, demo_group, demo_member, demo_organisation, demo_user
from portal.models import Organisation, Review
from portal.roles import MANAGER
from portal.services.reviews import review_decide

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

EMPLOYEES = [
    # (account, the step they reached)
    (DemoAccount("employee@example.com", "Eddy", "Gauthier", "employee (licensing)"), "approved"),
    (DemoAccount("lise@example.com", "Lise", "Ouellet", "employee: applied"), "applied"),
    (DemoAccount("remi@example.com", "Rémi", "Bergeron", "employee: refused"), "refused"),
    (
        DemoAccount("ana@example.com", "Ana", "Cloutier", "employee: code redeemed", language="en"),
        "redeemed",
    ),
    (DemoAccount("theo@example.com", "Théo", "Lapointe", "employee: certified"), "certified"),
]


def _document(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@transaction.atomic
def seed() -> None:
    nordic = demo_organisation(
        "Mines Nordiques ltée",
        operating_name="Mines Nordiques",
        registry_number="1175550193",
        kind=Organisation.Kind.COMPANY,
        status=Organisation.Status.ACTIVE,
        street_address="4920 52nd Street",
        city="Yellowknife",
        province="NT",
        postal_code="X1A 3T1",
        phone="867-555-0190",
    )
    group = demo_group(nordic, "licensing")
    demo_member("representative@example.com", group, [MANAGER])
    BillingProfile.objects.update_or_create(
        organisation=nordic, service="licensing", defaults={"invoice_eligible": True}
    )
    representative = User.objects.get(email="representative@example.com")
    office = User.objects.get(email="certification@example.com")

    if not Order.objects.filter(group=group).exists():
        product = Product.objects.get(code="licensing-licence")
        cart_set(group=group, product=product, quantity=10, actor=representative)
        address = address_create(
            group=group,
            name="Mines Nordiques ltée — Comptabilité",
            street_address="4920 52nd Street",
            city="Yellowknife",
            province="NT",
            postal_code="X1A 3T1",
        )
        order = order_create_from_cart(
            group=group, buyer=representative, address=address, po_number="PO-2026-041"
        )
        order_place_invoice(order=order, actor=representative)

    certs = list(certifications())
    for index, (account, step) in enumerate(EMPLOYEES):
        user = demo_user(account)
        services.intro_course_complete(user=user)
        if Application.objects.filter(applicant=user).exists():
            continue
        code = (
            LicenceCode.objects.filter(group=group, state=LicenceCode.State.UNUSED)
            .order_by("pk")
            .first()
        )
        assert code is not None
        code.assigned_to = user.display_name
        code.save(update_fields=["assigned_to"])
        application = services.application_submit(
            applicant=user,
            certification=certs[index % len(certs)],
            documents=[_document("experience.pdf"), _document("identite.pdf")],
            code=code.code,
        )
        if step == "applied":
            continue
        review = Review.objects.get(
            subject_id=application.pk, kind=services.APPLICATION_REVIEW, state="open"
        )
        if step == "refused":
            review_decide(
                review=review,
                actor=office,
                decision="refuse",
                note="Il manque deux ans d’expérience en surveillance.",
            )
            continue
        review_decide(review=review, actor=office, decision="approve")
        if step == "approved":
            continue
        application.refresh_from_db()
        services.code_redeem(application=application, typed=code.code, actor=user)
        if step == "redeemed":
            continue
        services.course_complete(application=application, actor=user)
        services.exam_record(application=application, passed=True, actor=office)
