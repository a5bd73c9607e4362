from django import template

from portal import audit_labels

register = template.Library()


@register.filter
def verb_label(verb: str) -> str:
    return audit_labels.verb_label(verb)


@register.filter
def review_kind_label(kind: str) -> str:
    """The label of a review kind, in the reader's language."""
    from portal.review_kinds import get_review_kind

    try:
        return str(get_review_kind(kind).label)
    except KeyError:
        return kind


@register.filter
def state_label(state: str) -> str:
    return audit_labels.state_label(state)


@register.filter
def review_summary(review) -> str:
    """A review's summary in the active language (the inbox attaches them in one batch)."""
    from portal.review_kinds import attach_summaries

    if getattr(review, "display_summary", None) is None:
        attach_summaries([review])
    return review.display_summary


@register.filter
def review_applicant_url(review) -> str:
    """Where the applicant follows the request, in the active language."""
    from django.urls import reverse

    from portal.review_kinds import get_review_kind

    try:
        kind = get_review_kind(review.kind)
    except KeyError:
        kind = None
    if kind is not None and kind.applicant_url is not None:
        return kind.applicant_url(review)
    return reverse("my_groups")


@register.filter(name="system_text")
def system_text_filter(value) -> str:
    """A stored system text (message key + parameters) in the active language; a plain
    string as is (see portal.system_text)."""
    from portal.system_text import render_system_text

    return render_system_text(value)


@register.simple_tag
def colon() -> str:
    """« : » after a label, with the no-break space French puts before it."""
    from portal.lib.typography import colon as colon_text

    return colon_text()


@register.filter
def day(value) -> str:
    """A date in words in the page's language (« 1er avril 2026 », "April 1, 2026"): the one
    way pages, e-mails and documents show a date."""
    from portal.lib.typography import long_date

    return long_date(value)
