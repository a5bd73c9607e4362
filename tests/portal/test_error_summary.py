"""Issue 17 item 17: a form sent back with errors shows « Il y a un problème » at the top of
the page, each error a link to its field; one shared template placed by base.html serves
every form of the portal (core, allauth and the services' pages alike)."""

import re

import pytest
from django import forms
from django.template import Context, Template

from portal.templatetags.portal_forms import page_errors

pytestmark = pytest.mark.django_db


def summary(html: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary".*?</ul>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def test_profile_errors_are_summarised_and_link_to_their_fields(client, alice):
    client.force_login(alice)
    response = client.post(
        "/fr/me/profile/", {"first_name": "", "last_name": "Martin", "phone": "12ab"}
    )
    box = summary(response.content.decode())
    assert "Il y a un problème" in box
    assert 'tabindex="-1"' in box and "data-error-summary" in box
    assert '<a class="alert-link" href="#id_first_name">Prénom\u00a0: ' in box
    assert 'href="#id_phone"' in box and "10 à 15 chiffres" in box
    assert 'href="#id_language"' in box  # required, left out


def test_english_summary(client, alice):
    client.force_login(alice)
    response = client.post(
        "/en/me/profile/", {"first_name": "", "last_name": "M", "language": "en"}
    )
    box = summary(response.content.decode())
    assert "There is a problem" in box and 'href="#id_first_name">First name: ' in box


def test_a_page_without_errors_has_no_summary(client, alice):
    client.force_login(alice)
    assert "error-summary" not in client.get("/fr/me/profile/").content.decode()


def test_allauth_sign_in_errors_use_the_same_summary(client, alice):
    response = client.post("/fr/accounts/login/", {"login": alice.email, "password": "wrong"})
    box = summary(response.content.decode())
    assert "Il y a un problème" in box
    assert 'href="#id_login"' in box  # an error of the whole form points at its first field


def test_the_summary_focus_script_is_loaded_without_inline_script(client, alice):
    client.force_login(alice)
    html = client.post("/fr/me/profile/", {"first_name": ""}).content.decode()
    assert '<script src="/static/js/error_summary.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)


class Choices(forms.Form):
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    secret = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label="Texte")

    def clean(self):
        raise forms.ValidationError("Tout est faux.")


def test_radio_groups_hidden_fields_formsets_and_forms_listed_twice():
    form = Choices(data={}, prefix="p")
    Formset = forms.formset_factory(Choices, extra=1)
    formset = Formset(data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-text": "x"})
    errors = page_errors(Context({"form": form, "again": form, "formsets": [formset]}))
    hrefs = [e.href for e in errors]
    assert hrefs[:4] == ["#id_p-kind_0", "#id_p-kind_0", "#id_p-kind_0", "#id_p-text"]
    assert errors[0].message == "Tout est faux."  # the form's own error first
    assert hrefs[4:] == ["#id_form-0-kind_0"] * 3  # the formset's form: clean, kind, secret
    assert len([e for e in errors if e.href == "#id_p-text"]) == 1  # listed once


def test_an_unbound_form_gives_nothing():
    html = Template("{% load portal_forms %}{% error_summary %}").render(
        Context({"form": Choices()})
    )
    assert html.strip() == ""
