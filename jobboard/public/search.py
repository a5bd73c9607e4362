"""The job site's search (J10): the public sees live postings only, and always their PUBLISHED
version (the columns generated from `Posting.published`, migration 0005_search_*).

- Full text in both languages, the page's language first: a query matches the French text
  (`french_unaccent`) or the English text (`english_unaccent`) of a posting; the rank counts
  the page's language fully and the other one half (ts_rank_cd).
- Filters: profile, engineering field, city or region, employment type, work mode, years on
  the roll (the published values).
- Featured postings (featured_until >= today) come first while their 7 days run; then by
  relevance (with a query) or the newest first.
- The count is capped: the candidates are the newest CAP + 1 matching postings (plus the
  featured ones), so a common word costs an index walk over a thousand rows, never a rank over
  every match; beyond CAP the page says "1,000+ results" and pagination stops there.
- One SQL query for the page of ids, the count and the ranks; one for the rows (company
  included): the same number whatever the number of results.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.translation import gettext_lazy as _

from jobboard.employer.company import group_profile
from jobboard.postings.models import Posting, ReferenceItem

PAGE_SIZE = 20
CAP = 1000
# The query-string keys of a search (what a saved search keeps).
KEYS = ("q", "profile", "field", "place", "employment_type", "work_mode", "years", "sort")
FILTER_KEYS = ("profile", "field", "place", "employment_type", "work_mode", "years")
SECTIONS = ["purpose_fr", "purpose_en", "duties_fr", "duties_en"]
SECTIONS += ["qualifications_fr", "qualifications_en", "more_fr", "more_en"]


def _any(choices):
    return [("", _("Any"))] + list(choices)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Keywords"), max_length=200, required=False)
    profile = forms.ChoiceField(
        label=_("Profile sought"), choices=_any(Posting.Profile.choices), required=False
    )
    field = forms.TypedChoiceField(
        label=_("Engineering field"), coerce=int, empty_value=None, required=False
    )
    place = forms.TypedChoiceField(
        label=_("City or region"), coerce=int, empty_value=None, required=False
    )
    employment_type = forms.ChoiceField(
        label=_("Employment type"), choices=_any(Posting.EmploymentType.choices), required=False
    )
    work_mode = forms.ChoiceField(
        label=_("Work mode"), choices=_any(Posting.WorkMode.choices), required=False
    )
    years = forms.ChoiceField(
        label=_("Years on the Order's roll"), choices=_any(Posting.Years.choices), required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("", _("Relevance")), ("date", _("Newest first"))],
        required=False,
    )

    def __init__(self, *args, items=None, choices: "dict | None" = None, **kwargs):
        """`choices`: `choice_lists(items)` made once (search_form keeps them per list version
        and language); else made here from `items` (else the reference items, one query)."""
        super().__init__(*args, **kwargs)
        if choices is None:
            choices = choice_lists(reference_items() if items is None else items)
        fields = self.fields
        fields["field"].choices = choices["field"]  # type: ignore[attr-defined]
        fields["place"].choices = choices["place"]  # type: ignore[attr-defined]
        for name, form_field in fields.items():
            if name != "q":
                form_field.widget.attrs["class"] = "form-select"

    def criteria(self) -> "Criteria":
        if not self.is_bound:
            return Criteria()
        self.is_valid()  # invalid values are left out; the valid ones still apply
        data = {k: self.cleaned_data.get(k) for k in KEYS}
        return Criteria(**{k: v for k, v in data.items() if v not in (None, "")})


class _Ready(BaseChoiceIterator):
    """Choices already in Django's normal form: a field given them does not normalise its
    forty-odd entries again (nor does its widget), for each form of each request."""

    def __init__(self, choices: list) -> None:
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


def choice_lists(items: list[ReferenceItem]) -> dict[str, _Ready]:
    """The field and place choices of the search form, in the active language (an item's
    name is read now)."""
    by_kind: dict[str, list] = {"field": [], "region": [], "city": []}
    for item in items:
        by_kind[item.kind].append((item.pk, item.name))
    place = _any([(_("Regions"), by_kind["region"]), (_("Cities"), by_kind["city"])])
    return {
        "field": _Ready(normalize_choices(_any(by_kind["field"]))),
        "place": _Ready(normalize_choices(place)),
    }


def reference_items() -> list[ReferenceItem]:
    """The fields, regions and cities the filters offer (one query)."""
    return list(
        ReferenceItem.objects.filter(kind__in=["field", "region", "city"], active=True).order_by(
            "kind", "order", "name_fr"
        )
    )


@dataclass
class Criteria:
    q: str = ""
    profile: str = ""
    field: int | None = None
    place: int | None = None
    employment_type: str = ""
    work_mode: str = ""
    years: str = ""
    sort: str = ""

    @property
    def by_relevance(self) -> bool:
        return bool(self.q.strip()) and self.sort != "date"

    def active_filters(self) -> list[str]:
        return [k for k in FILTER_KEYS if getattr(self, k) not in (None, "")]


def criteria_from(params: dict | QueryDict) -> Criteria:
    """A saved search's parameters (a dict of lists) or a request's GET, as criteria."""
    if not isinstance(params, QueryDict):
        query = QueryDict(mutable=True)
        for key, values in params.items():
            query.setlist(key, [str(v) for v in (values if isinstance(values, list) else [values])])
        params = query
    return SearchForm(params).criteria()


def params_of(query: QueryDict) -> dict[str, list[str]]:
    """The search's own parameters of a query string (what a saved search keeps)."""
    return {k: query.getlist(k) for k in KEYS if query.get(k)}


def querystring(params: dict[str, list[str]], **changes) -> str:
    merged = {k: v for k, v in params.items()}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = [str(value)]
    return urlencode([(k, v) for k, values in merged.items() for v in values])


@dataclass
class Row:
    posting: Posting
    featured: bool
    rank: float = 0.0

    @property
    def published(self) -> dict:
        return self.posting.published or {}

    @property
    def title(self) -> str:
        return pick_text(self.published, "title")

    @property
    def company(self) -> str:
        group = self.posting.group
        profile = group_profile(group)
        organisation = group.organisation
        return (
            (profile and profile.company_name)
            or organisation.operating_name
            or organisation.legal_name
        )

    @property
    def place(self) -> str:
        data = self.published
        kind = data.get("location_kind")
        if kind == Posting.Location.ADDRESS:
            return data.get("city", "")
        if kind == Posting.Location.PLACES:
            lang = _lang()
            return ", ".join(p[1] if lang == "en" else p[0] for p in data.get("places", []))
        if kind == Posting.Location.OUTSIDE:
            return str(_("Outside Quebec"))
        return ""

    @property
    def employment_type(self) -> str:
        value = self.published.get("employment_type") or ""
        return str(dict(Posting.EmploymentType.choices).get(value, ""))

    @property
    def date(self) -> datetime.datetime | None:
        return self.posting.published_at


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    total: int = 0  # capped: more than CAP means "CAP+"
    page: int = 1
    size: int = PAGE_SIZE

    @property
    def capped(self) -> bool:
        return self.total > CAP

    @property
    def pages(self) -> int:
        return max(1, (min(self.total, CAP) + self.size - 1) // self.size)

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _lang() -> str:
    return "en" if (translation.get_language() or "fr").startswith("en") else "fr"


def pick_text(data: dict, name: str) -> str:
    if _lang() == "en" and data.get(f"{name}_en"):
        return data[f"{name}_en"]
    return data.get(f"{name}_fr", "")


def where_clause(c: Criteria, params: dict, since: datetime.datetime | None = None) -> str:
    """The SQL condition of the criteria on `jobboard_posting p` (live postings), its values
    added to `params` (the partner API builds its keyset pages on it)."""
    clauses = ["p.live"]
    if c.q.strip():
        params["q"] = c.q.strip()
        clauses.append(
            "(p.search_fr @@ websearch_to_tsquery('french_unaccent', %(q)s)"
            " OR p.search_en @@ websearch_to_tsquery('english_unaccent', %(q)s))"
        )
    for key, column in (
        ("profile", "pub_profile"),
        ("employment_type", "pub_employment_type"),
        ("work_mode", "pub_work_mode"),
        ("years", "pub_years"),
    ):
        if getattr(c, key):
            params[key] = getattr(c, key)
            clauses.append(f"p.{column} = %({key})s")
    for key, column in (("field", "pub_field_ids"), ("place", "pub_place_ids")):
        if getattr(c, key) is not None:
            params[key] = getattr(c, key)
            clauses.append(f"p.{column} @> ARRAY[%({key})s]::integer[]")
    if since is not None:
        params["since"] = since
        clauses.append("p.published_at > %(since)s")
    return " AND ".join(clauses)


def rank_sql(alias: str) -> str:
    """The relevance of the row `alias` (its search_fr and search_en columns) for %(q)s: the
    page's language counts fully, the other one half."""
    mine, other = ("en", "fr") if _lang() == "en" else ("fr", "en")
    config = {"fr": "french_unaccent", "en": "english_unaccent"}
    query = "websearch_to_tsquery('{}', %(q)s)"
    return (
        f"ts_rank_cd({alias}.search_{mine}, {query.format(config[mine])})"
        f" + 0.5 * ts_rank_cd({alias}.search_{other}, {query.format(config[other])})"
    )


def results_sql(
    c: Criteria,
    *,
    page: int = 1,
    size: int = PAGE_SIZE,
    today: datetime.date | None = None,
    since: datetime.datetime | None = None,
) -> tuple[str, dict]:
    """The one query of a results page: (id, featured, rank, capped total) rows."""
    params: dict = {
        "today": today or timezone.localdate(),
        "cap": CAP + 1,
        "limit": size,
        "offset": (page - 1) * size,
    }
    where = where_clause(c, params, since)
    # Only fixed SQL fragments are interpolated; every value is a query parameter.
    # The candidates: the newest CAP + 1 matches and the newest CAP + 1 featured matches (the
    # featured ones of the first set are all in the second, so the first set's others and
    # the second set are the candidates, without duplicates). Each set is read by a walk of
    # a newest-first index (migration 0006: the filters checked in the index), then kept
    # with its text vectors, so the rank is computed for the candidates only (issue 19:
    # computed while reading, it was computed, and the vectors read, for every match of a
    # common word before the cap) and without reading their rows again.
    # The featured candidates fill the first pages; the others are ranked only for a page
    # that reaches them.
    if c.by_relevance:
        vectors = ", p.search_fr, p.search_en"
        order = "rank DESC, published_at DESC, id DESC"
    else:
        vectors = ""
        order = "published_at DESC, id DESC"
    rank = rank_sql("c") if c.by_relevance else "0"
    columns = "p.id, p.published_at, coalesce(p.featured_until >= %(today)s, false) AS featured"
    pick = f"SELECT {columns}{vectors} FROM jobboard_posting p WHERE {where}"  # noqa: S608
    newest = "ORDER BY p.published_at DESC, p.id DESC LIMIT %(cap)s"
    ranked = f"SELECT c.id, c.featured, {rank} AS rank, c.published_at"
    sql = f"""
        WITH everything AS ({pick} {newest}),
        featured AS ({pick} AND p.featured_until >= %(today)s {newest}),
        counts AS (
            SELECT (SELECT count(*) FROM featured) AS featured,
                   (SELECT count(*) FROM featured)
                   + (SELECT count(*) FROM everything WHERE NOT featured) AS total
        ),
        page AS (
            ({ranked} FROM featured c ORDER BY {order} LIMIT %(offset)s + %(limit)s)
            UNION ALL
            ({ranked} FROM everything c
             WHERE NOT c.featured
               AND (SELECT featured FROM counts) < %(offset)s + %(limit)s
             ORDER BY {order} LIMIT %(offset)s + %(limit)s)
        )
        SELECT page.id, page.featured, page.rank, (SELECT total FROM counts) AS total
        FROM page
        ORDER BY page.featured DESC, {order}
        LIMIT %(limit)s OFFSET %(offset)s
    """  # noqa: S608
    return sql, params


def _postings(ids: list[int]) -> dict[int, Posting]:
    rows = (
        Posting.objects.filter(pk__in=ids)
        .select_related("group__organisation", "group__employer_profile")
        .defer(*SECTIONS)
    )
    return {p.pk: p for p in rows}


def search(
    c: Criteria,
    *,
    page: int = 1,
    size: int = PAGE_SIZE,
    today: datetime.date | None = None,
    since: datetime.datetime | None = None,
) -> Results:
    page = max(1, min(page, (CAP + size - 1) // size))
    sql, params = results_sql(c, page=page, size=size, today=today, since=since)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    if not found:
        if page > 1:  # past the last page (an old link): the first page instead
            return search(c, page=1, size=size, today=today, since=since)
        return Results(page=page, size=size)
    postings = _postings([row[0] for row in found])
    rows = [Row(postings[pk], featured, float(rank)) for pk, featured, rank, _t in found]
    return Results(rows=rows, total=found[0][3], page=page, size=size)


def home_lists(today: datetime.date | None = None, newest: int = 20, featured: int = 6):
    """The job site home: the featured postings (still live), then the newest ones."""
    today = today or timezone.localdate()
    sql = """
        (SELECT id, 1, true FROM jobboard_posting
         WHERE live AND featured_until >= %(today)s ORDER BY published_at DESC, id DESC
         LIMIT %(featured)s)
        UNION ALL
        (SELECT id, 2, coalesce(featured_until >= %(today)s, false) FROM jobboard_posting
         WHERE live ORDER BY published_at DESC, id DESC LIMIT %(newest)s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"today": today, "featured": featured, "newest": newest})
        found = cursor.fetchall()
    postings = _postings([row[0] for row in found])
    rows = [(section, Row(postings[pk], flag)) for pk, section, flag in found]
    return [r for s, r in rows if s == 1], [r for s, r in rows if s == 2]
