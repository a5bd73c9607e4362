"""The employer's postings as the API reads and writes them: the group's query (with the
regulator's last decision annotated), the JSON of one posting, and the wizard's forms applied
to a JSON body (jobboard.postings.forms: the same validation as the pages)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, DateTimeField, IntegerField, TextField
from django.db.models.expressions import RawSQL
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from api.errors import InvalidFields, InvalidState
from api.v1.per_request import PageUrls
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.forms import ConfigurationForm, DetailsForm, ProfileForm
from jobboard.postings.models import Posting, ReferenceItem
from jobboard.postings.queries import group_postings
from portal.models import Review

STEP_FORMS = [
    ("profile", ProfileForm, "details"),
    ("details", DetailsForm, "configuration"),
    ("configuration", ConfigurationForm, "package"),
]


def form_fields(form_class) -> list[str]:
    return list(form_class._meta.fields)


WRITABLE = [name for _s, form, _n in STEP_FORMS for name in form_fields(form)]
M2M = ("domains", "places", "interests")
FIELDS = [name for name in WRITABLE if name != "profile"]
POSTINGS = Posting._meta.db_table  # the outer table of the subqueries below


def _ids_of(name: str) -> RawSQL:
    """The ids of a many-to-many list, in the reference lists' order, as an array column (one
    query for the page instead of one per list, and no related managers per row)."""
    through = getattr(Posting, name).through._meta.db_table
    items = ReferenceItem._meta.db_table
    sql = (
        f"ARRAY(SELECT t.referenceitem_id FROM {through} t JOIN {items} i"  # noqa: S608
        f" ON i.id = t.referenceitem_id WHERE t.posting_id = {POSTINGS}.id"
        ' ORDER BY i.kind, i."order", i.name_fr, i.id)'
    )
    return RawSQL(sql, (), output_field=ArrayField(IntegerField()))  # noqa: S611


def _decision(column: str, field) -> RawSQL:
    """A column of the regulator's last decision on the posting."""
    sql = (
        f"(SELECT r.{column} FROM {Review._meta.db_table} r WHERE r.kind = %s"  # noqa: S608
        f" AND r.subject_type_id = %s AND r.subject_id = {POSTINGS}.id"
        " AND r.decided_at IS NOT NULL ORDER BY r.decided_at DESC, r.id DESC LIMIT 1)"
    )
    params = (services.POSTING_REVIEW, ContentType.objects.get_for_model(Posting).pk)
    return RawSQL(sql, params, output_field=field)  # noqa: S611 (names only; values are params)


def postings_query(group, status: str = "", *, every_state: bool = False):
    """The group's postings (archived ones only when asked, or with `every_state`), with the
    regulator's last decision and the ids of the many-to-many lists: one query. The
    subqueries are written in SQL: the ORM's own took longer to compile than to run."""
    postings = Posting.objects.filter(group=group) if every_state else group_postings(group, status)
    # The JSON gives function_type's id only: no join for it (the subqueries name the table).
    return postings.select_related(None).annotate(
        decision_state=_decision("state", CharField()),
        decision_note=_decision("note", TextField()),
        decision_at=_decision("decided_at", DateTimeField()),
        **{f"{name}_ids": _ids_of(name) for name in M2M},
    )


def posting_in_group(group, posting_id) -> Posting:
    """One posting of the group (the group in the query), 404 otherwise."""
    return get_object_or_404(postings_query(group, every_state=True), pk=posting_id)


SCALARS = [name for name in FIELDS if name not in M2M and name != "function_type"]


def posting_json(posting: Posting, urls: PageUrls, states: dict[str, str]) -> dict:
    """A posting of postings_query() as JSON; `states`: the state labels (per_request.labels)."""
    data = {name: getattr(posting, name) for name in SCALARS}
    data["function_type"] = posting.function_type_id
    for name in M2M:
        data[name] = getattr(posting, f"{name}_ids")
    decision = getattr(posting, "decision_state", None)
    data.update(
        id=posting.pk,
        state=posting.state,
        state_label=states.get(posting.state, posting.state),
        step=posting.step,
        profile=posting.profile or None,
        package_attached=posting.package_attached,
        live=posting.live,
        submitted_at=posting.submitted_at,
        approved_at=posting.approved_at,
        published_at=posting.published_at,
        ends_on=posting.ends_on,
        featured_until=posting.featured_until,
        ended_at=posting.ended_at,
        created_at=posting.created_at,
        updated_at=posting.updated_at,
        regulator_decision={
            "state": decision,
            "note": posting.decision_note,  # type: ignore[attr-defined]
            "decided_at": posting.decision_at,  # type: ignore[attr-defined]
        }
        if decision
        else None,
        public_url=urls(posting.pk) if posting.live else None,
    )
    return data


def _form_values(posting: Posting, names: list[str]) -> dict:
    values = model_to_dict(posting, fields=names)
    for name in M2M:
        if name in values:
            values[name] = [item.pk for item in values[name]]
    return {k: v for k, v in values.items() if v is not None}


def apply_body(posting: Posting, body: dict, actor) -> Posting:
    """Each wizard step whose fields the body names: its form, bound to the posting's current
    values with the body's on top, validated and saved by the wizard's service."""
    for _step, form_class, next_step in STEP_FORMS:
        names = form_fields(form_class)
        if not any(name in body for name in names):
            continue
        values = _form_values(posting, names)
        values.update({k: v for k, v in body.items() if k in names})
        values = {k: v for k, v in values.items() if v is not None}
        form = form_class(values, instance=posting)
        if not form.is_valid():
            raise InvalidFields({k: [str(m) for m in v] for k, v in form.errors.items()})
        try:
            posting = services.posting_save_step(
                posting=posting, form=form, actor=actor, next_step=next_step
            )
        except JobboardError as error:
            raise InvalidState(error.message) from error
    return posting


def missing_product(posting: Posting, balances: dict[str, int]) -> str:
    """The shop's product for the first credit the posting lacks ("" when none is missing)."""
    kinds = []
    if not posting.credit_kind:
        kinds.append(services.credit_for(posting))
    if posting.featured and not posting.featured_credit:
        kinds.append(services.FEATURED)
    for kind in kinds:
        if balances.get(kind, 0) <= 0:
            return services.PRODUCT_FOR_CREDIT[kind]
    return ""


def missing_credit_message(product: str) -> str:
    return _("No credit is left in the group's bank for this posting: buy “%(product)s”.") % {
        "product": product
    }
