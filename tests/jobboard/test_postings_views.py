"""The employer pages: the wizard step by step, refused inputs, actions per status and role,
packages and the shop, and fixed query counts on the list pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from billing.models import CartLine
from jobboard.postings import services
from jobboard.postings.models import Posting
from tests.factories import UserFactory, make_member
from tests.jobboard.postings_helpers import (
    complete_posting,
    give_credits,
    item,
    ready_group,
    submitted,
)

pytestmark = pytest.mark.django_db
S = Posting.State


@pytest.fixture(autouse=True)
def _french_pages():
    # These pages are read in French (tests/jobboard/conftest.py switches messages to English).
    from django.utils import translation

    with translation.override("fr"):
        yield


@pytest.fixture
def group(alice):
    return ready_group(alice)


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def url(group, name, *args):
    from django.urls import reverse

    return reverse(f"jobboard:{name}", args=[group.pk, *args])


def details_data(**overrides):
    deadline = timezone.localdate() + datetime.timedelta(days=40)
    data = {
        "title_fr": "Ingénieure de projet",
        "title_en": "Project engineer",
        "function_type": item("function").pk,
        "domains": [item("field").pk],
        "employment_type": "permanent",
        "position_status": "full_time",
        "work_mode": "on_site",
        "apply_deadline": deadline.isoformat(),
        "salary_note": "Selon l'expérience",
        "years_on_roll": "1-4",
        "location_kind": "places",
        "places": [item("region").pk, item("city").pk],
        "interests": [item("interest").pk],
        "purpose_fr": "<p>Raison d'être</p>",
        "duties_fr": "<ul><li>Tâche</li></ul>",
        "qualifications_fr": "<p>Qualifications</p>",
        "more_fr": "",
    }
    data.update(overrides)
    return data


def config_data(**overrides):
    data = {"publish_mode": "on_approval", "apply_mode": "url", "apply_url": "https://a.example"}
    data.update(overrides)
    return data


def test_the_wizard_step_by_step(signed_in, group):
    response = signed_in.post(url(group, "posting_create"), {"profile": "engineer"})
    posting = Posting.objects.get()
    assert response.url == url(group, "posting_step", posting.pk, "details")
    response = signed_in.post(url(group, "posting_step", posting.pk, "details"), details_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    posting.refresh_from_db()
    assert posting.step == "configuration" and posting.places.count() == 2
    # "Resume creation" opens the furthest step.
    assert signed_in.get(url(group, "posting_resume", posting.pk)).url.endswith(
        "/step/configuration/"
    )
    response = signed_in.post(
        url(group, "posting_step", posting.pk, "configuration"), config_data()
    )
    assert response.status_code == 302
    # No credit: the package step says what is missing and adds it to the cart.
    page = signed_in.get(url(group, "posting_step", posting.pk, "package")).content.decode()
    assert "Manquant" in page and "Offres d’emploi ing." in page
    response = signed_in.post(url(group, "posting_step", posting.pk, "package"), {"buy": "1"})
    assert response.url.endswith(f"/groups/{group.pk}/checkout/")
    assert CartLine.objects.get(group=group).product.code == "jobboard-engineer-1"
    assert signed_in.session["jobboard_resume_posting"] == posting.pk
    dashboard = signed_in.get(url(group, "dashboard")).content.decode()
    assert "Reprendre la création" in dashboard
    give_credits(group)
    response = signed_in.post(url(group, "posting_step", posting.pk, "package"))
    assert response.url.endswith("/step/preview/")
    preview = signed_in.get(url(group, "posting_step", posting.pk, "preview")).content.decode()
    assert "Ingénieure de projet" in preview and "À propos de l’entreprise" in preview
    response = signed_in.post(url(group, "posting_action", posting.pk, "submit"))
    posting.refresh_from_db()
    assert posting.state == S.IN_VALIDATION


def test_the_preview_is_the_public_page(signed_in, group, alice):
    posting = complete_posting(group, alice)
    page = signed_in.get(url(group, "posting_step", posting.pk, "preview")).content.decode()
    assert 'class="posting-public"' in page
    assert "Ponts et Chaussées inc." in page and "https://ponts.example.org" in page
    assert "Voir sur la carte" in page and "logos/test.png" in page


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"title_fr": ""}, "title_fr", "obligatoire"),
        ({"purpose_fr": "<p><br></p>"}, "purpose_fr", "obligatoire en français"),
        ({"duties_fr": ""}, "duties_fr", "obligatoire"),
        ({"salary_note": "x" * 51}, "salary_note", "50"),
        ({"location_kind": "address", "street_address": ""}, "street_address", "adresse"),
        ({"location_kind": "places", "places": []}, "places", "ville ou une région"),
        ({"apply_deadline": "2020-01-01"}, "apply_deadline", "passé"),
    ],
)
def test_details_refused(signed_in, group, alice, overrides, field, message):
    posting = complete_posting(group, alice, step="details")
    response = signed_in.post(
        url(group, "posting_step", posting.pk, "details"), details_data(**overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    posting.refresh_from_db()
    assert posting.title_fr == "Ingénieur·e en structures"  # nothing half-saved


def test_description_html_is_sanitised(signed_in, group, alice):
    posting = complete_posting(group, alice, step="details")
    dirty = (
        '<p onclick="steal()" style="color:red">Bonjour<script>alert(1)</script>'
        '<iframe src="https://evil.example"></iframe><style>p{}</style>'
        '<a href="javascript:alert(1)">clic</a> <a href="mailto:rh@ponts.ca">écrivez</a> '
        'rh@ponts.ca <a href="https://ponts.example.org">site</a></p>'
    )
    response = signed_in.post(
        url(group, "posting_step", posting.pk, "details"), details_data(purpose_fr=dirty)
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    html = posting.purpose_fr
    for bad in ("script", "onclick", "style", "iframe", "javascript", "mailto", "rh@ponts.ca"):
        assert bad not in html, html
    assert (
        '<a href="https://ponts.example.org" target="_blank" '
        'rel="noopener noreferrer nofollow">site</a>' in html
    )


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"apply_url": "javascript:alert(1)"}, "apply_url"),
        ({"apply_url": "ftp://files.example.org/"}, "apply_url"),
        ({"apply_mode": "email", "apply_email": ""}, "apply_email"),
        ({"publish_mode": "on_date", "publish_on": ""}, "publish_on"),
    ],
)
def test_configuration_refused(signed_in, group, alice, overrides, field):
    posting = complete_posting(group, alice, step="configuration")
    response = signed_in.post(
        url(group, "posting_step", posting.pk, "configuration"), config_data(**overrides)
    )
    assert response.status_code == 200 and field in response.context["form"].errors


def test_publication_date_too_soon_is_refused(signed_in, group, alice):
    posting = complete_posting(group, alice, step="configuration")
    too_soon = timezone.localdate() + datetime.timedelta(days=1)
    response = signed_in.post(
        url(group, "posting_step", posting.pk, "configuration"),
        config_data(publish_mode="on_date", publish_on=too_soon.isoformat()),
    )
    assert "3 jours ouvrables" in " ".join(response.context["form"].errors["publish_on"])
    ok = services.earliest_publication(timezone.localdate())
    response = signed_in.post(
        url(group, "posting_step", posting.pk, "configuration"),
        config_data(publish_mode="on_date", publish_on=ok.isoformat()),
    )
    assert response.status_code == 302


def test_finance_manager_cannot_create_or_see_postings(client, group, alice):
    finance = UserFactory()
    make_member(finance, group, ["jobboard.finance_manager"])
    posting = complete_posting(group, alice)
    client.force_login(finance)
    assert client.get(url(group, "posting_create")).status_code == 403
    assert client.post(url(group, "posting_create"), {"profile": "engineer"}).status_code == 403
    assert Posting.objects.count() == 1
    assert client.get(url(group, "dashboard")).url == url(group, "company")
    assert client.get(url(group, "posting_step", posting.pk, "details")).status_code == 403
    assert client.post(url(group, "posting_action", posting.pk, "duplicate")).status_code == 403
    # Finance may buy and see the packages.
    assert client.get(url(group, "packages")).status_code == 200
    assert client.get(url(group, "buy")).status_code == 200


def test_posting_manager_cannot_cancel_in_validation_but_the_principal_can(client, group, alice):
    poster = UserFactory()
    make_member(poster, group, ["jobboard.posting_manager"])
    posting = submitted(group, alice)
    client.force_login(poster)
    assert (
        client.post(url(group, "posting_action", posting.pk, "cancel_validation")).status_code
        == 403
    )
    client.force_login(alice)
    client.post(url(group, "posting_action", posting.pk, "cancel_validation"))
    posting.refresh_from_db()
    assert posting.state == S.DRAFT and posting.package_attached


@pytest.mark.parametrize(
    "action, states",
    [
        ("end", [S.DRAFT, S.IN_VALIDATION, S.TO_REVISE, S.SCHEDULED, S.EXPIRED, S.ARCHIVED]),
        ("archive", [S.DRAFT, S.IN_VALIDATION, S.TO_REVISE, S.SCHEDULED, S.ACTIVE, S.ARCHIVED]),
        ("cancel", [S.DRAFT, S.IN_VALIDATION, S.SCHEDULED, S.ACTIVE, S.EXPIRED, S.ARCHIVED]),
        ("cancel_validation", [S.DRAFT, S.TO_REVISE, S.ACTIVE, S.EXPIRED, S.ARCHIVED]),
        ("submit", [S.IN_VALIDATION, S.EXPIRED, S.ARCHIVED]),
        ("duplicate", [S.ARCHIVED]),
        ("return_package", [S.IN_VALIDATION, S.ACTIVE, S.EXPIRED]),
    ],
)
def test_each_action_is_refused_in_a_status_that_does_not_allow_it(
    signed_in, group, alice, action, states
):
    give_credits(group, n=10)
    for state in states:
        posting = complete_posting(group, alice, state=state, credit_kind=services.ENGINEER)
        response = signed_in.post(url(group, "posting_action", posting.pk, action), follow=True)
        assert response.status_code == 200
        assert Posting.objects.get(pk=posting.pk).state == state
        assert Posting.objects.filter(group=group).count() == 1
        posting.delete()


def test_editing_is_refused_when_in_validation_or_expired(signed_in, group, alice):
    for state in (S.IN_VALIDATION, S.EXPIRED, S.ARCHIVED):
        posting = complete_posting(group, alice, state=state)
        response = signed_in.post(
            url(group, "posting_step", posting.pk, "details"), details_data(title_fr="Changé")
        )
        assert response.status_code == 302
        assert Posting.objects.get(pk=posting.pk).title_fr != "Changé"


def test_regulator_may_adjust_a_posting_in_validation(client, group, alice, dana):
    posting = submitted(group, alice)
    client.force_login(dana)
    response = client.post(
        f"/fr/jobs/staff/postings/{posting.pk}/edit/", details_data(title_fr="Titre ajusté")
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title_fr == "Titre ajusté"
    from portal.models import AuditEvent

    event = AuditEvent.objects.get(verb="posting.staff_edited")
    assert "title_fr" in event.data["fields"]
    client.force_login(alice)
    assert client.get(f"/fr/jobs/staff/postings/{posting.pk}/edit/").status_code == 404


def test_archived_postings_leave_all_and_the_archived_filter_finds_them(signed_in, group, alice):
    complete_posting(group, alice, title_fr="Visible")
    complete_posting(group, alice, title_fr="Rangée", state=S.ARCHIVED)
    everything = signed_in.get(url(group, "postings")).content.decode()
    assert "Visible" in everything and "Rangée" not in everything
    archived = signed_in.get(url(group, "postings") + "?status=archived").content.decode()
    assert "Rangée" in archived and "Visible" not in archived
    assert "Rangée" not in signed_in.get(url(group, "dashboard")).content.decode()


def test_packages_show_balances_and_ledger(signed_in, group, alice):
    give_credits(group, n=5)
    submitted(group, alice)
    page = signed_in.get(url(group, "packages")).content.decode()
    assert "Achat" in page and "Appliqué à une offre" in page


def test_buy_adds_to_cart(signed_in, group):
    response = signed_in.post(url(group, "buy"), {"product": "jobboard-cpi-1", "quantity": 2})
    assert response.status_code == 302
    assert CartLine.objects.get(group=group).quantity == 2
    assert (
        signed_in.post(
            url(group, "buy"), {"product": "licensing-licence", "quantity": 1}
        ).status_code
        == 404
    )


def queries_for(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["dashboard", "postings", "packages"])
def test_list_pages_run_the_same_queries_for_1_and_50_postings(client, alice, page):
    counts = []
    for size in (1, 50):
        group = ready_group(alice, name=f"Firme {size}")
        give_credits(group, n=size)
        for n in range(size):
            posting = complete_posting(
                group, alice, state=list(S.values)[n % 7], credit_kind=services.ENGINEER
            )
            services.posting_duplicate(posting=posting, actor=alice) if n % 10 == 0 else None
        client.force_login(alice)
        counts.append(queries_for(client, url(group, page)))
    assert counts[0] == counts[1], counts


def test_regulator_may_cancel_any_posting(client, group, alice, dana, bob):
    posting = submitted(group, alice)
    client.force_login(bob)  # not staff
    assert client.post(f"/fr/jobs/staff/postings/{posting.pk}/cancel/").status_code == 404
    client.force_login(dana)
    client.post(f"/fr/jobs/staff/postings/{posting.pk}/cancel/")
    posting.refresh_from_db()
    assert posting.state == S.DRAFT and posting.package_attached


def test_regulator_prices_page(client, dana, alice):
    from billing.models import Product

    ready_group(alice)  # the products (a transactional test may have flushed them)
    client.force_login(dana)
    assert client.get("/fr/jobs/staff/products/").status_code == 200
    client.post("/fr/jobs/staff/products/", {"code": "jobboard-extension", "price": "210.50"})
    assert Product.objects.get(code="jobboard-extension").unit_price_cents == 21050
    response = client.post(
        "/fr/jobs/staff/products/", {"code": "jobboard-extension", "price": "abc"}, follow=True
    )
    assert Product.objects.get(code="jobboard-extension").unit_price_cents == 21050
    client.force_login(alice)
    assert client.get("/fr/jobs/staff/products/").status_code == 404
    assert response.status_code == 200


def test_invoice_copies_are_opt_in(client, alice, django_capture_on_commit_callbacks):
    from django.core import mail

    from billing.models import BillingAddress, BillingProfile, Product
    from billing.services import cart_set, order_create_from_cart, order_place_invoice

    group = ready_group(alice)
    finance, poster = UserFactory(), UserFactory()
    make_member(finance, group, ["jobboard.finance_manager"])
    make_member(poster, group, ["jobboard.posting_manager"])
    client.force_login(poster)  # the posting alerts only: the invoice copy is not theirs
    client.post(url(group, "communications"), {"invoice_copy": "on"})
    assert "invoice_copy" not in client.get(url(group, "communications")).content.decode()
    viewer = UserFactory()
    make_member(viewer, group, [])
    client.force_login(viewer)
    assert client.post(url(group, "communications"), {"invoice_copy": "on"}).status_code == 403
    client.force_login(finance)
    client.post(url(group, "communications"), {"invoice_copy": "on"})
    assert 'id="invoice_copy" checked' in client.get(url(group, "communications")).content.decode()
    BillingProfile.objects.create(
        organisation=group.organisation, service="jobboard", invoice_eligible=True
    )
    address = BillingAddress.objects.create(
        group=group, name="P", street_address="1 rue A", city="Québec", province="QC",
        postal_code="G1V 4T3",
    )  # fmt: skip
    product = Product.objects.get(code="jobboard-engineer-1")
    cart_set(group=group, product=product, quantity=1, actor=poster)
    order = order_create_from_cart(group=group, buyer=poster, address=address)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_place_invoice(order=order, actor=poster)
    # The buyer and the finance manager who opted in; not alice (principal, not opted in).
    assert sorted(m.to[0] for m in mail.outbox) == sorted([poster.email, finance.email])


def test_the_apply_button_is_switched_off_after_the_deadline(signed_in, group, alice):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    posting = complete_posting(group, alice, apply_deadline=yesterday)
    page = signed_in.get(url(group, "posting_detail", posting.pk)).content.decode()
    assert "La date limite pour postuler est passée." in page
    assert "https://ponts.example.org/carrieres" not in page


def test_regulator_adjusts_only_postings_in_validation_and_cancel_ends_an_active_one(
    client, group, alice, dana
):
    for state in (S.DRAFT, S.ACTIVE, S.EXPIRED):
        posting = complete_posting(group, alice, state=state)
        client.force_login(dana)
        response = client.post(
            f"/fr/jobs/staff/postings/{posting.pk}/edit/", details_data(title_fr="Ajusté")
        )
        assert response.status_code == 404
        assert Posting.objects.get(pk=posting.pk).title_fr != "Ajusté"
    active = complete_posting(group, alice, state=S.ACTIVE, live=True)
    client.post(f"/fr/jobs/staff/postings/{active.pk}/cancel/")
    active.refresh_from_db()
    assert active.state == S.EXPIRED and not active.live
    expired = complete_posting(group, alice, state=S.EXPIRED)
    client.post(f"/fr/jobs/staff/postings/{expired.pk}/cancel/")
    assert Posting.objects.get(pk=expired.pk).state == S.EXPIRED
