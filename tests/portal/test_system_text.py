"""Issue 17 item 13: what the system writes for people to read later is stored as a message
key with its parameters (portal.system_text) and rendered in the reader's language."""

import pytest
from django.utils import translation

from portal.models import AuditEvent, Review
from portal.services.audit import audit_record
from portal.services.reviews import review_open
from portal.system_text import (
    PLACEHOLDER,
    in_each_language,
    localized,
    registered_messages,
    render_system_text,
    system_text,
)
from portal.templatetags.portal_tags import review_summary
from tests.factories import OrganisationFactory

# Every app that records system text registers its keys when Django starts (AppConfig.ready
# imports the modules), so a page that only reads a row can render it.
EXPECTED_KEYS = {
    "jobboard.posting_review",
    "jobboard.claim_corrections",
    "casework.objective",
    "casework.closure_requested",
    "matching.no_credential_left",
}


def sample(message) -> dict:
    """A system text of `message`'s key with every parameter filled in."""
    names = PLACEHOLDER.findall(str(message))
    return {name: localized(fr=f"«{name}»", en=f"<{name}>") for name in names}


def test_the_apps_register_their_keys_at_start_up():
    assert set(registered_messages()) >= EXPECTED_KEYS


@pytest.mark.parametrize("key", sorted(registered_messages()))
def test_every_key_renders_in_both_languages(key):
    message = registered_messages()[key]
    with translation.override("en"):
        english_source = str(message)
    with translation.override("fr"):
        french_source = str(message)
    # The translation keeps the same parameters, so no reader's page fails.
    assert sorted(PLACEHOLDER.findall(french_source)) == sorted(
        PLACEHOLDER.findall(english_source)
    ), key
    value = system_text(key, **sample(message))
    english = render_system_text(value, "en")
    french = render_system_text(value, "fr")
    assert "%(" not in english and "%(" not in french, key
    for name in PLACEHOLDER.findall(english_source):
        assert f"<{name}>" in english and f"«{name}»" in french, (key, name)
    words = PLACEHOLDER.sub("", english_source).strip(" .:—·")
    if words:  # a message of words only: its French must be another text
        assert PLACEHOLDER.sub("", french_source) != PLACEHOLDER.sub("", english_source), key


def test_an_unregistered_key_is_refused_when_recorded():
    with pytest.raises(KeyError):
        system_text("nobody.registered_this")


def test_parameters_localized_nested_and_lazy():
    from django.utils.translation import gettext_lazy as _

    nested = system_text("casework.objective", type=system_text("matching.no_credential_left"))
    french = "Objectif\u00a0: Plus aucun certificat ni permis valide."
    assert render_system_text(nested, "fr") == french
    assert render_system_text(nested, "en") == "Objective: No valid certificate or licence left."
    # An empty English title falls back to the French one.
    title = system_text("casework.objective", type=localized(fr="Placement", en=""))
    assert render_system_text(title, "en") == "Objective: Placement"
    # A lazy label is kept in every language.
    lazy = system_text("casework.objective", type=_("Approved"))
    assert render_system_text(lazy, "fr") == "Objectif\u00a0: Approuvée"
    assert render_system_text(lazy, "en") == "Objective: Approved"
    assert in_each_language(lambda: str(_("Approved"))) == localized(fr="Approuvée", en="Approved")


def test_plain_text_stays_as_typed_and_an_unknown_key_shows_the_key():
    assert render_system_text("Tapé par une personne", "en") == "Tapé par une personne"
    assert render_system_text({"key": "gone.away", "params": {}}, "en") == "gone.away"
    assert render_system_text(None) == ""


@pytest.mark.django_db
def test_an_audit_note_is_read_in_the_readers_language(alice):
    organisation = OrganisationFactory()
    event = audit_record(
        actor=alice,
        subject=organisation,
        verb="test.noted",
        note=system_text("matching.no_credential_left"),
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.note == "Plus aucun certificat ni permis valide."  # the admin's copy
    with translation.override("en"):
        assert event.display_note == "No valid certificate or licence left."
    with translation.override("fr"):
        assert event.display_note == "Plus aucun certificat ni permis valide."
    typed = audit_record(actor=alice, subject=organisation, verb="test.noted", note="Vu.")
    with translation.override("en"):
        assert typed.display_note == "Vu."


@pytest.mark.django_db
def test_a_review_summary_is_read_in_the_readers_language(alice):
    organisation = OrganisationFactory(legal_name="Mines du Nord")
    summary = system_text(
        "jobboard.posting_review",
        title=localized(fr="Ingénieur·e minier", en="Mining engineer"),
        organisation=organisation.legal_name,
    )
    review = review_open(
        kind="portal.organisation_request",
        subject=organisation,
        applicant=alice,
        staff_role="regulator",
        summary=summary,
    )
    review = Review.objects.get(pk=review.pk)
    assert review.summary == "Offre d’emploi\u00a0: Ingénieur·e minier — Mines du Nord"
    with translation.override("en"):
        assert review_summary(review) == "Job posting: Mining engineer — Mines du Nord"
    review.display_summary = None
    with translation.override("fr"):
        assert review_summary(review) == review.summary
