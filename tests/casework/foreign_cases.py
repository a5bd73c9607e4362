"""Foreign-user walk for the casework registry pages. The victim is provider "Avenir" (alice
is its case worker); charlie is a case worker of another provider. Clients and employers are
shared registries, so charlie's own provider may search and see the minimal view of anyone:
the walk covers what must stay closed: another provider's group in the path, the full file
of a client his provider does not serve (in his own group's URLs too), the consent's signed
file, and the ministry's pages."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from portal.models import Group
from tests.foreign_walk import Case

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

PUBLIC = {
    "casework:home": "redirects to the user's own provider or the ministry desk",
}

# Pages of a client's full file: 404 for a group that does not serve the client.
FILE_PAGES = [
    "casework:client_edit",
    "casework:client_education",
    "casework:client_employment",
    "casework:client_income",
    "casework:client_consent",
    "casework:client_verify_age",
]
# A provider's own pages: 404 for anyone outside the provider.
PROVIDER_PAGES = [
    "casework:clients",
    "casework:client_new",
    "casework:employers",
    "casework:employer_new",
    "casework:service_points",
]


class _Victim:
    def __init__(self, world):
        from casework.models import DuplicateSuspicion
        from casework.registry import services as registry
        from tests.factories import UserFactory, make_member

        ministry = UserFactory(staff_role="ministry")
        self.provider = registry.provider_create(actor=ministry, legal_name="Avenir", seats=3)
        mine = registry.provider_create(actor=ministry, legal_name="Charlie Services", seats=3)
        make_member(world.alice, self.provider.group, ["casework.case_worker"])
        make_member(world.charlie, mine.group, ["casework.case_worker"])
        self.group, self.own_group = self.provider.group, mine.group
        fields = {
            "first_name": "Léa",
            "last_name": "Bouchard",
            "birth_date": datetime.date(2008, 3, 2),
            "city": "Sudbury",
        }
        self.client = registry.client_register(actor=world.alice, group=self.group, fields=fields)
        self.twin = registry.client_register(
            actor=world.alice,
            group=self.group,
            fields={**fields, "first_name": "Lea-Anne"},
            distinct_from=[self.client],
            reason="Twin",
        )
        self.pair = DuplicateSuspicion.objects.get(client=self.twin)
        self.education = registry.education_add(
            client=self.client,
            actor=world.alice,
            fields={
                "level": "secondary",
                "institution": "X",
                "start_date": datetime.date(2022, 9, 1),
            },
        )
        self.employment = registry.employment_add(
            client=self.client,
            actor=world.alice,
            fields={"employer_name": "Y", "position": "Z", "start_date": datetime.date(2024, 7, 1)},
        )
        self.consent = registry.consent_record(
            client=self.client,
            group=self.group,
            actor=world.alice,
            notice=registry.notice_current(),
            signed_on=datetime.date(2026, 4, 1),
            upload=SimpleUploadedFile("c.pdf", PDF),
        )
        self.signed_file = self.consent.signed_file
        self.employer = registry.employer_register(
            actor=world.alice,
            group=self.group,
            fields={"legal_name": "Ferme Roy", "business_number": "111222333", "city": "Sudbury"},
        )


def cases(world) -> list[Case]:
    w = world
    victim = w if not isinstance(w.acme, Group) else _Victim(w)  # the stand-in world has pks
    return _cases(w, victim)


def _cases(w, v) -> list[Case]:
    out = []
    client_ids = {"pk": v.client.pk}
    for group in (v.group, v.own_group):  # the victim's group, and charlie's own with its ids
        g = {"group_id": group.pk, **client_ids}
        out += [Case(name, g, w.charlie) for name in FILE_PAGES]
        out += [
            Case("casework:education_remove", {**g, "entry_id": v.education.pk}, w.charlie),
            Case("casework:employment_remove", {**g, "entry_id": v.employment.pk}, w.charlie),
            Case("casework:consent_withdraw", {**g, "consent_id": v.consent.pk}, w.charlie),
        ]
    # charlie's own group with the victim's entries under a client his group serves is the
    # same check (the entry is fetched with the client); the victim's group is closed to him:
    victim = {"group_id": v.group.pk}
    out += [Case(name, victim, w.charlie) for name in PROVIDER_PAGES]
    out += [
        Case("casework:client", {**victim, **client_ids}, w.charlie),
        Case("casework:client_serve", {**victim, **client_ids}, w.charlie),
        Case("casework:employer", {**victim, "pk": v.employer.pk}, w.charlie),
        Case("casework:employer_form_new", {**victim, "pk": v.employer.pk}, w.charlie),
        Case("private_file", {"pk": v.signed_file.pk}, w.charlie),
    ]
    # The ministry's desk: 404 for anyone else.
    out += [
        Case("casework:ministry", {}, w.charlie),
        Case("casework:provider_new", {}, w.charlie),
        Case("casework:provider", {"pk": v.provider.pk}, w.charlie),
        Case("casework:duplicates", {}, w.charlie),
        Case("casework:duplicate", {"pk": v.pair.pk}, w.charlie),
        Case("casework:access_log", {}, w.charlie),
        Case("casework:ministry_clients", {}, w.charlie),
        Case("casework:ministry_client", client_ids, w.charlie),
    ]
    return out


# The plans part of the app (tests/casework/foreign_cases_plans.py).
from tests.casework import foreign_cases_plans  # noqa: E402

PUBLIC.update(foreign_cases_plans.PUBLIC)
_registry_cases = cases


def cases(world) -> list[Case]:  # type: ignore[no-redef]  # noqa: F811
    return _registry_cases(world) + foreign_cases_plans.cases(world)
