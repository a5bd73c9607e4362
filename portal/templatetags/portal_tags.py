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
