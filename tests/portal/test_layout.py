"""Issue 19: the layout's header is built in Python (portal/layout.py); what a person sees in
it stays: the current page and group marked, names escaped, the menu by role."""

import pytest

from tests.factories import GroupFactory, OrganisationFactory, make_member

pytestmark = pytest.mark.django_db


def test_the_current_page_and_group_are_marked_and_names_escaped(client, alice):
    organisation = OrganisationFactory(legal_name="Tom & <Jerry>")
    group = GroupFactory(organisation=organisation, name="<b>Crew</b>")
    make_member(alice, group, ["manager"])
    alice.first_name = "<i>Alice</i>"
    alice.save()
    client.force_login(alice)
    html = client.get(f"/en/groups/{group.pk}/").content.decode()
    assert f'href="/en/groups/{group.pk}/" aria-current="true">' in html
    assert "Tom &amp; &lt;Jerry&gt; — &lt;b&gt;Crew&lt;/b&gt;" in html
    assert "<b>Crew</b>" not in html and "<i>Alice</i>" not in html
    html = client.get("/en/groups/").content.decode()
    assert 'href="/en/groups/" aria-current="page">My groups</a>' in html
    assert 'href="/en/dashboard/" >Dashboard</a>' in html


def test_the_outbox_is_in_the_menu_of_administrators_only(client, alice, admin_user):
    client.force_login(alice)
    assert "/fr/outbox/" not in client.get("/fr/dashboard/").content.decode()
    client.force_login(admin_user)
    assert "/fr/outbox/" in client.get("/fr/dashboard/").content.decode()


def test_the_header_speaks_the_page_language(client, alice):
    html = client.get("/fr/privacy/").content.decode()
    assert 'href="/en/privacy/" lang="en" hreflang="en">English</a>' in html
    assert "Passer au contenu principal" in html
    client.force_login(alice)
    html = client.get("/en/privacy/").content.decode()
    assert 'name="language" value="fr" lang="fr">Français</button>' in html
    assert "Skip to main content" in html and 'name="next" value="/en/privacy/"' in html
