"""The header's language link for anonymous visitors (issue 19): a plain link to the same page
under the other language's prefix, so the page carries no CSRF token and can be cached.
Signed-in users keep the POST form, which also records their language for e-mails."""

from django import template
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def same_page_in(context, language: str) -> str:
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    path = request.get_full_path()
    with translation.override(translation.get_language_from_path(path)):
        return translate_url(path, language)
