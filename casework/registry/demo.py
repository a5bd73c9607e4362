"""Summer Jobs Service demo (idempotent): three providers with service points and seats, their
case workers and managers, a few hundred clients (some near-duplicates, a few pairs waiting in
the ministry's queue), employers with this year's and last year's forms. The plans' demo
(casework/plans/demo.py) runs after this one (casework/demo.py)."""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from casework import names
from casework.registry import services
from casework.registry.models import Client, Employer, EmployerYearForm, Provider
from portal.demo import DemoAccount, demo_member, demo_user
from portal.files import private_file_store

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

CASE_WORKER = "casework.case_worker"
# The system specialist is also the group's principal manager (approves members).
PROVIDER_MANAGER = ["manager", "casework.provider_manager"]

# (legal name, city, seats, [(EO id, service point, city)], [(person, roles)])
PROVIDERS = [
    (
        "Avenir Emploi Sudbury",
        "Sudbury",
        5,
        [
            ("EO-3101", "Avenir — Sudbury centre", "Sudbury"),
            ("EO-3102", "Avenir — Baie James", "Moosonee"),
        ],
        [
            (DemoAccount("caseworker@example.com", "Sophie", "Bélanger", ""), [CASE_WORKER]),
            (
                DemoAccount(
                    "avenir.manager@example.com",
                    "Mathieu",
                    "Lalonde",
                    "provider manager (summer jobs, Avenir)",
                ),
                PROVIDER_MANAGER,
            ),
        ],
    ),
    (
        "Northern Youth Employment Services",
        "Timmins",
        3,
        [
            ("EO-3201", "NYES — Timmins", "Timmins"),
            ("EO-3202", "NYES — Kapuskasing", "Kapuskasing"),
        ],
        [
            (
                DemoAccount(
                    "north.worker@example.com",
                    "Hannah",
                    "Clarke",
                    "case worker (summer jobs, Northern Youth)",
                    language="en",
                ),
                [CASE_WORKER],
            ),
            (
                DemoAccount(
                    "north.manager@example.com",
                    "Owen",
                    "Fraser",
                    "provider manager (summer jobs, Northern Youth)",
                    language="en",
                ),
                PROVIDER_MANAGER,
            ),
        ],
    ),
    (
        "Centre Emploi Ottawa-Est",
        "Ottawa",
        4,
        [("EO-3301", "CEOE — Vanier", "Ottawa"), ("EO-3302", "CEOE — Orléans", "Ottawa")],
        [
            (
                DemoAccount(
                    "ottawa.worker@example.com",
                    "Nadia",
                    "Haddad",
                    "case worker (summer jobs, Ottawa-Est)",
                ),
                [CASE_WORKER],
            ),
        ],
    ),
]

# The people seed_demo prints for this service (the core prints caseworker@ already).
DEMO_PEOPLE = [person for *_rest, people in PROVIDERS for person, _roles in people][1:]

FIRST_NAMES = [
    "Émilie", "Léa", "Chloé", "Camille", "Zoé", "Maëlle", "Noémie", "Sarah", "Olivia", "Emma",
    "Ava", "Hannah", "Jade", "Rosalie", "Florence", "Gabriel", "Thomas", "William", "Félix",
    "Nathan", "Samuel", "Liam", "Noah", "Jacob", "Olivier", "Raphaël", "Mathis", "Ethan",
    "Logan", "Aiden", "Maya", "Aanya", "Mohamed", "Yasmine", "Kiona", "Tyler", "Jordan",
]  # fmt: skip
LAST_NAMES = [
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
    "Girard", "Simard", "Boucher", "Smith", "Brown", "Wilson", "MacDonald", "Campbell",
    "Stewart", "Martin", "Thompson", "Wabano", "Sutherland", "Chen", "Nguyen", "Patel",
]  # fmt: skip
# Near-duplicates: a second spelling of a client registered by another provider.
VARIANTS = [
    ("Émilie", "Gagné", "Emily", "Gagne"),
    ("Philippe", "Thibault", "Filip", "Thibeault"),
    ("Catherine", "Lévesque", "Katherine", "Levesque"),
    ("Mackenzie", "Sutherland", "McKenzie", "Sutherland"),
    ("Jean-François", "Tremblay", "Jean Francois", "Tremblé"),
    ("Zoé", "Paquette", "Zoey", "Paquet"),
]
EMPLOYERS = [
    ("Boulangerie du Nord inc.", "", "Sudbury"),
    ("Camp Lac-Ramsey", "Camp Ramsey", "Sudbury"),
    ("Science Nord", "", "Sudbury"),
    ("Timmins Timber Ltd.", "", "Timmins"),
    ("Kapuskasing Public Library", "", "Kapuskasing"),
    ("Ferme Laflèche", "", "Kapuskasing"),
    ("Quincaillerie Vanier", "", "Ottawa"),
    ("Orléans Day Camp", "", "Ottawa"),
    ("Musée de l'Ontario français", "", "Ottawa"),
    ("Moose Cree Outfitters", "", "Moosonee"),
    ("Northern Lights Café", "", "Timmins"),
    ("Rideau Landscaping", "", "Ottawa"),
]


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _provider(name, city, seats, points, ministry) -> Provider:
    provider = Provider.objects.filter(group__organisation__legal_name=name).first()
    if provider is None:
        provider = services.provider_create(actor=ministry, legal_name=name, seats=seats, city=city)
    for eo_id, point_name, point_city in points:
        if not provider.group.service_points.filter(eo_id=eo_id).exists():
            services.service_point_create(
                group=provider.group, actor=ministry, eo_id=eo_id, name=point_name, city=point_city
            )
    return provider


def _register(rng, provider, worker, first, last, born, city, *, full: bool) -> Client:
    client = Client(
        first_name=first,
        last_name=last,
        birth_date=born,
        city=city,
        language=rng.choice(["fr", "en"]),
        phone=f"705-555-{rng.randrange(10000):04d}",
        email=f"{names.normalise(first + '.' + last).replace(' ', '.')}"
        f"{rng.randrange(100)}@example.net",
        income_source="no_income" if rng.random() < 0.85 else "employment",
        created_by=worker,
        created_by_group=provider.group,
    )
    client.save()
    services.client_provider_record(client=client, group=provider.group, actor=worker)
    school = rng.choice(["École secondaire Macdonald-Cartier", "Timmins High", "Collège Boréal"])
    services.education_add(
        client=client,
        actor=worker,
        fields={
            "level": "college" if "Collège" in school else "secondary",
            "institution": school,
            "start_date": datetime.date(born.year + 14, 9, 1),
        },
    )
    if full:
        services.consent_record(
            client=client,
            group=provider.group,
            actor=worker,
            notice=services.notice_current(),
            signed_on=timezone.localdate() - datetime.timedelta(days=rng.randrange(60)),
            upload=_file("participant-form.pdf"),
        )
        services.client_verify_age(client=client, actor=worker)
    return client


def _clients(rng, providers, workers) -> None:
    if Client.objects.exists():
        return
    seen: set[tuple[str, str, datetime.date]] = set()
    for n in range(300):
        index = n % len(providers)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        born = datetime.date(rng.randint(2005, 2011), rng.randint(1, 12), rng.randint(1, 28))
        if (first, last, born) in seen:
            continue
        seen.add((first, last, born))
        city = providers[index].group.organisation.city
        client = _register(
            rng, providers[index], workers[index], first, last, born, city, full=n % 3 == 0
        )
        if n < 30:  # a few views of full files for the ministry's access log
            services.client_access_log(
                user=workers[index], client=client, group=providers[index].group
            )
    # Near-duplicates: the first provider registered one spelling, another provider the other,
    # confirmed "a different person" with a reason: the pair waits in the ministry's queue.
    for n, (first, last, other_first, other_last) in enumerate(VARIANTS):
        born = datetime.date(2008, (n % 12) + 1, 10 + n)
        original = _register(rng, providers[0], workers[0], first, last, born, "Sudbury", full=True)
        if n % 2:
            continue  # half of them are only near-duplicates for the search to find
        services.client_register(
            actor=workers[1],
            group=providers[1].group,
            fields={
                "first_name": other_first,
                "last_name": other_last,
                "birth_date": born,
                "city": "Timmins",
            },
            distinct_from=[original],
            reason="The client says they never registered with another provider.",
        )


def _employers(rng, providers, workers) -> None:
    year = timezone.localdate().year
    for n, (name, operating, city) in enumerate(EMPLOYERS):
        number = f"{812345000 + n * 7:09d}"
        if Employer.objects.filter(business_number_key=number).exists():
            continue
        index = n % len(providers)
        employer = services.employer_register(
            actor=workers[index],
            group=providers[index].group,
            fields={
                "legal_name": name,
                "operating_name": operating,
                "business_number": number,
                "city": city,
                "contact_name": rng.choice(["Luc Roy", "Anne Smith", "Marie Côté"]),
                "phone": f"705-555-{1000 + n:04d}",
            },
        )
        for form_year in [year - 1] if n % 4 == 3 else [year - 1, year]:
            fields = {
                "year": form_year,
                "sector": rng.choice(["Food", "Recreation", "Retail", "Culture", "Forestry"]),
                "employees": rng.randint(3, 80),
                "positions_offered": rng.randint(1, 4),
                "wsib_covered": True,
                "signer_name": "Luc Roy",
                "signer_title": "Owner",
                "signed_on": datetime.date(form_year, 4, 15),
            }
            if form_year == year:
                services.employer_year_form_add(
                    employer=employer,
                    group=providers[index].group,
                    actor=workers[index],
                    fields=fields,
                    upload=_file("sjs-employer-form.pdf"),
                )
            else:  # recorded last year, when it was that year's form
                _past_year_form(employer, providers[index].group, workers[index], fields)


def _past_year_form(employer, group, worker, fields) -> None:
    form = EmployerYearForm(employer=employer, group=group, recorded_by=worker, **fields)
    form.signed_file = private_file_store(
        upload=_file("sjs-employer-form.pdf"), owner=worker, kind="document"
    )
    form.save()
    form.signed_file.attached_to = form
    form.signed_file.save(update_fields=["attached_type", "attached_id"])


@transaction.atomic
def seed() -> None:
    rng = random.Random(1)  # the same demo every time
    ministry = User.objects.get(email="ministry@example.com")
    providers, workers = [], []
    for name, city, seats, points, people in PROVIDERS:
        provider = _provider(name, city, seats, points, ministry)
        for person, roles in people:
            demo_user(person)
            demo_member(person.email, provider.group, roles)
        providers.append(provider)
        workers.append(User.objects.get(email=people[0][0].email))
    _clients(rng, providers, workers)
    _employers(rng, providers, workers)
