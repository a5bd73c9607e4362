"""Issue 17 item 14: a default group name (« Group 001 », the number is what is stored) reads
« Groupe 001 » on French pages, and the group menu names the organisation."""

import re

import pytest
from django.utils import translation

from portal.models.organisations import group_label
from tests.factories import GroupFactory, make_member


def test_a_numbered_default_name_is_translated_and_a_typed_name_is_not():
    with translation.override("fr"):
        assert group_label("Group 002") == "Groupe 002"
        assert group_label("Équipe Nord") == "Équipe Nord"
    with translation.override("en"):
        assert group_label("Group 002") == "Group 002"


@pytest.mark.django_db
def test_the_group_menu_names_the_organisation_in_the_pages_language(client, alice):
    group = GroupFactory(organisation__legal_name="Jeunesse du Nord", name="Group 001")
    make_member(alice, group, ["manager"])
    client.force_login(alice)
    page = client.get(f"/fr/groups/{group.pk}/").content.decode()
    button = re.search(r'dropdown-toggle"[^>]*>(.*?)</button>', page, re.S)
    assert button is not None
    assert button.group(1).strip() == "Jeunesse du Nord — Groupe 001"
    assert "Group 001" not in page
