"""The registries' rules, at the service level (S1–S4, S7)."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone, translation

from casework import names
from casework.errors import CaseworkError, NearDuplicates
from casework.models import (
    Client,
    ClientAccess,
    ClientProvider,
    Consent,
    DuplicateSuspicion,
    EducationEntry,
    EmployerYearForm,
)
from casework.registry import queries
from casework.registry import services as registry
from portal.models import AuditEvent
from tests.casework.helpers import client_fields, make_client, make_employer, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the French catalog has its own test."""
    with translation.override("en"):
        yield


def test_names_meet_despite_accents_case_and_spelling():
    assert names.normalise("  Émilie-Anne  GAGNÉ ") == "emilie anne gagne"
    assert names.sound_key("Philippe Gagné") == names.sound_key("filip ganié")
    assert names.sound_key("Gagné Philippe") == names.sound_key("Philippe Gagné")
    assert names.business_number_key("123 456 789 rp-0001") == "123456789RP0001"


def test_exact_duplicate_is_refused(providers):
    make_client(providers.a, providers.worker_a)
    with pytest.raises(CaseworkError, match="already registered"):
        # Same name without accents and in capitals, same birth date, other provider.
        make_client(providers.b, providers.worker_b, first_name="EMILIE", last_name="gagnon")
    assert Client.objects.count() == 1


def test_exact_duplicate_is_refused_by_the_database(providers):
    make_client(providers.a, providers.worker_a)
    with pytest.raises(IntegrityError):
        Client.objects.create(**client_fields(first_name="Emilie"))


def test_near_duplicate_without_confirmation_is_stopped(providers):
    existing = make_client(providers.a, providers.worker_a)
    with pytest.raises(NearDuplicates) as stopped:
        make_client(providers.b, providers.worker_b, first_name="Emillie", last_name="Gagnon")
    assert stopped.value.candidates == [existing]
    assert Client.objects.count() == 1


def test_swapped_day_and_month_is_a_near_duplicate(providers):
    existing = make_client(providers.a, providers.worker_a, birth_date=datetime.date(2008, 5, 4))
    with pytest.raises(NearDuplicates) as stopped:
        make_client(providers.b, providers.worker_b, birth_date=datetime.date(2008, 4, 5))
    assert stopped.value.candidates == [existing]


def test_confirmed_different_person_needs_a_reason_and_goes_to_the_queue(providers):
    existing = make_client(providers.a, providers.worker_a)
    fields = client_fields(first_name="Emilie", last_name="Gagnonne")
    with pytest.raises(CaseworkError, match="why"):
        registry.client_register(
            actor=providers.worker_b,
            group=providers.b.group,
            fields=fields,
            distinct_from=[existing],
        )
    client = registry.client_register(
        actor=providers.worker_b,
        group=providers.b.group,
        fields=fields,
        distinct_from=[existing],
        reason="Twin sister, met both",
    )
    pair = DuplicateSuspicion.objects.get()
    assert (pair.client, pair.similar_to, pair.reason) == (
        client,
        existing,
        "Twin sister, met both",
    )
    assert list(queries.duplicates_queue()) == [pair]


def test_search_is_typo_tolerant_and_accent_free(providers):
    client = make_client(providers.a, providers.worker_a)
    make_client(
        providers.a, providers.worker_a, first_name="Paul", last_name="Tremblay", phone="", email=""
    )
    born = client.birth_date
    assert queries.client_search(name="emily gagnon", birth_date=born) == [client]
    assert queries.client_search(name="GAGNON Émilie") == [client]
    assert queries.client_search(phone="(705) 555-0101") == [client]
    assert queries.client_search(email="EMILIE@example.org") == [client]
    assert queries.client_search(name="Gagnon", birth_date=datetime.date(2000, 1, 1)) == []


def test_full_access_for_serving_providers_and_the_ministry_only(providers):
    client = make_client(providers.a, providers.worker_a)
    assert registry.client_full_access(providers.worker_a, client)
    assert registry.client_full_access(providers.ministry, client)
    assert not registry.client_full_access(providers.worker_b, client)
    registry.client_serve(client=client, group=providers.b.group, actor=providers.worker_b)
    assert registry.client_full_access(providers.worker_b, client)
    assert registry.client_full_access(providers.worker_b, client, providers.b.group)
    assert not registry.client_full_access(providers.worker_b, client, providers.a.group)


def test_consent_withdrawal_is_recorded_not_deleted(providers):
    client = make_client(providers.a, providers.worker_a)
    consent = registry.consent_record(
        client=client,
        group=providers.a.group,
        actor=providers.worker_a,
        notice=registry.notice_current(),
        signed_on=datetime.date.today(),
        upload=pdf(),
    )
    assert consent.signed_file.attached_to == consent
    registry.consent_withdraw(consent=consent, actor=providers.worker_a, note="Asked by phone")
    consent.refresh_from_db()
    assert consent.withdrawn_at and consent.withdrawal_note == "Asked by phone"
    assert Consent.objects.count() == 1
    with pytest.raises(CaseworkError, match="already withdrawn"):
        registry.consent_withdraw(consent=consent, actor=providers.worker_a, note="again")


def test_consent_needs_the_in_presence_confirmation_in_the_database(providers):
    client = make_client(providers.a, providers.worker_a)
    file = registry.private_file_store(upload=pdf(), owner=providers.worker_a)
    with pytest.raises(IntegrityError):
        Consent.objects.create(
            client=client,
            notice=registry.notice_current(),
            group=providers.a.group,
            signed_on=datetime.date.today(),
            explained_in_presence=False,
            signed_file=file,
        )


def test_age_is_shown_and_verified_never_enforced(providers):
    young = make_client(
        providers.a, providers.worker_a, birth_date=datetime.date.today().replace(year=2020)
    )
    assert young.age == datetime.date.today().year - 2020
    registry.client_verify_age(client=young, actor=providers.worker_a)
    young.refresh_from_db()
    assert young.age_verified_by == providers.worker_a and young.age_verified_at


def test_employer_registered_twice_is_refused(providers):
    make_employer(providers.a, providers.worker_a)
    with pytest.raises(CaseworkError, match="already registered"):
        make_employer(
            providers.b, providers.worker_b, business_number="123-456-789", legal_name="X"
        )


def test_one_employer_form_per_year(providers):
    employer = make_employer(providers.a, providers.worker_a)
    fields = {
        "year": timezone.localdate().year,
        "sector": "Food",
        "employees": 12,
        "positions_offered": 2,
        "wsib_covered": True,
        "signer_name": "Luc Roy",
        "signer_title": "Owner",
        "signed_on": timezone.localdate().replace(month=1, day=2),
    }
    registry.employer_year_form_add(
        employer=employer,
        group=providers.a.group,
        actor=providers.worker_a,
        fields=fields,
        upload=pdf(),
    )
    with pytest.raises(CaseworkError, match="already has its form"):
        registry.employer_year_form_add(
            employer=employer,
            group=providers.b.group,
            actor=providers.worker_b,
            fields=fields,
            upload=pdf(),
        )
    assert EmployerYearForm.objects.count() == 1


def test_employer_search_by_name_number_and_city(providers):
    employer = make_employer(providers.a, providers.worker_a)
    assert queries.employer_search(query="boulangeri du nord") == [employer]
    assert queries.employer_search(query="123 456 789") == [employer]
    assert queries.employer_search(city="sudbury") == [employer]
    assert queries.employer_close_names("Boulangerie du Nord") == [employer]


def test_merge_moves_everything_to_the_kept_record(providers):
    kept = make_client(providers.a, providers.worker_a)
    other = registry.client_register(
        actor=providers.worker_b,
        group=providers.b.group,
        fields=client_fields(first_name="Emily", phone="", email="e2@example.org"),
        distinct_from=queries.client_near_duplicates("Emily", "Gagnon", kept.birth_date),
        reason="Says she never came here",
    )
    registry.education_add(
        client=other,
        actor=providers.worker_b,
        fields={
            "level": "secondary",
            "institution": "École X",
            "start_date": datetime.date(2022, 9, 1),
        },
    )
    registry.client_access_log(user=providers.worker_b, client=other, group=providers.b.group)
    moved = []
    registry.register_merge_hook(lambda *, kept, merged, actor: moved.append((kept, merged)))
    try:
        registry.clients_merge(
            suspicion=DuplicateSuspicion.objects.get(),
            keep=kept,
            actor=providers.ministry,
            note="Same person",
        )
    finally:
        registry._merge_hooks.pop()
    other.refresh_from_db()
    assert other.merged_into == kept and moved == [(kept, other)]
    assert EducationEntry.objects.get().client == kept
    assert ClientAccess.objects.get().client == kept
    assert set(ClientProvider.objects.filter(client=kept).values_list("group", flat=True)) == {
        providers.a.group.pk,
        providers.b.group.pk,
    }
    assert DuplicateSuspicion.objects.get().status == "merged"
    assert AuditEvent.objects.filter(verb="client.merged_in").count() == 1
    # The merged record is out of searches; its name may be registered again later.
    assert queries.client_search(name="Emily Gagnon", birth_date=kept.birth_date) == [kept]
    with pytest.raises(CaseworkError, match="already reviewed"):
        registry.duplicate_mark_distinct(
            suspicion=DuplicateSuspicion.objects.get(), actor=providers.ministry
        )
