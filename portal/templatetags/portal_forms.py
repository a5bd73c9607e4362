"""The error summary shown at the top of every page whose form came back with errors (GOV.UK
and Canada.ca pattern): « Il y a un problème », each error a link to its field. One shared
template (portal/forms/error_summary.html), placed once by base.html, finds the page's forms
in the template context, so no form template has to include it."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class SummaryError:
    message: str
    href: str  # "#<field id>", or "" when the error has no field to go to


def _field_anchor(bound_field) -> str:
    """The id of the element a reader lands on: the input itself, or the first choice of a
    radio or checkbox group (Django gives the group's label no `for`)."""
    anchor = bound_field.id_for_label
    if not anchor and bound_field.auto_id:
        subwidgets = bound_field.subwidgets
        anchor = subwidgets[0].id_for_label if subwidgets else bound_field.auto_id
    return f"#{anchor}" if anchor else ""


def _first_visible_anchor(form: BaseForm) -> str:
    fields = form.visible_fields()
    return _field_anchor(fields[0]) if fields else ""


def form_errors(form: BaseForm) -> list[SummaryError]:
    """A bound form's errors in field order, each pointing at its field; errors of the form
    as a whole (and of hidden fields) point at its first visible field."""
    if not form.is_bound or not form.errors:
        return []
    first = _first_visible_anchor(form)
    found = [SummaryError(str(message), first) for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            if bound_field.is_hidden:
                found.append(SummaryError(str(message), first))
            else:
                label = bound_field.label or bound_field.name
                text = _("%(label)s: %(error)s") % {"label": label, "error": message}
                found.append(SummaryError(text, _field_anchor(bound_field)))
    return found


def formset_errors(formset: BaseFormSet) -> list[SummaryError]:
    if not formset.is_bound:
        return []
    forms = formset.forms
    first = _first_visible_anchor(forms[0]) if forms else ""
    found = [SummaryError(str(message), first) for message in formset.non_form_errors()]
    for form in forms:
        found += form_errors(form)
    return found


def _page_forms(context) -> list:
    """The forms and formsets in the template context (also inside lists and tuples), once
    each, in the order the view gave them."""
    seen: dict[int, object] = {}
    for value in context.flatten().values():
        candidates = value if issubclass(type(value), list | tuple) else [value]
        for candidate in candidates:
            # type(), not isinstance(): isinstance() would evaluate the context's lazy values
            # (the CSRF token, which sets its cookie and makes the page uncacheable, and the
            # group switcher's query).
            if issubclass(type(candidate), BaseForm | BaseFormSet):
                seen.setdefault(id(candidate), candidate)
    return list(seen.values())


def page_errors(context) -> list[SummaryError]:
    errors: list[SummaryError] = []
    for form in _page_forms(context):
        if isinstance(form, BaseFormSet):
            errors += formset_errors(form)
        else:
            errors += form_errors(form)
    unique: dict[SummaryError, None] = dict.fromkeys(errors)  # a shared form listed twice
    return list(unique)


@register.inclusion_tag("portal/forms/error_summary.html", takes_context=True)
def error_summary(context) -> dict:
    return {"errors": page_errors(context)}
