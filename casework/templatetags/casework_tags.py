from django import template

register = template.Library()


@register.simple_tag
def notice_section(notice, name: str, language: str) -> str:
    """One section of the notice of collection in the reader's language."""
    return notice.section(name, language or "en")
