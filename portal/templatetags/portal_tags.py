from django import template

from portal import audit_labels

register = template.Library()


@register.filter
def verb_label(verb: str) -> str:
    return audit_labels.verb_label(verb)


@register.filter
def state_label(state: str) -> str:
    return audit_labels.state_label(state)
