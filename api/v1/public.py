"""Public endpoints: the active postings (list and detail) and the reference lists."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from api import cursor
from api.errors import InvalidFields
from api.serializers import (
    PublicPageSerializer,
    PublicPostingDetailSerializer,
    ReferenceItemSerializer,
)
from api.v1 import public_search
from api.v1.cached import CachedPublicView
from api.v1.public_data import Rows, json_ld, public_posting
from jobboard.postings.models import Posting, ReferenceItem
from jobboard.public import search as job_search

P = Posting
SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Full text, French and English."),
    OpenApiParameter("profile", str, enum=P.Profile.values),
    OpenApiParameter("field", int, description="An engineering field's id (reference lists)."),
    OpenApiParameter("place", int, description="A city's or region's id (reference lists)."),
    OpenApiParameter("employment_type", str, enum=P.EmploymentType.values),
    OpenApiParameter("work_mode", str, enum=P.WorkMode.values),
    OpenApiParameter("years", str, enum=P.Years.values),
    OpenApiParameter("sort", str, enum=["date"], description="Newest first (else relevance)."),
    OpenApiParameter("cursor", str, description="The `next` link's cursor."),
    OpenApiParameter("page_size", int, description="1 to 50 (20 by default)."),
]


class PostingList(CachedPublicView):
    @extend_schema(
        operation_id="public_postings_list",
        summary="Active job postings (search)",
        parameters=SEARCH_PARAMETERS,
        responses={200: PublicPageSerializer},
        tags=["public"],
    )
    def get(self, request):
        form = job_search.SearchForm(request.GET)
        unknown = set(request.GET) - set(job_search.KEYS) - {"cursor", "page_size"}
        if not form.is_valid() or unknown:
            errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
            errors.update({k: ["?"] for k in unknown})
            raise InvalidFields(errors)
        criteria = form.criteria()
        size = cursor.page_size(request.GET)
        after = None
        if request.GET.get("cursor"):
            values = cursor.decode(request.GET["cursor"], (bool, (int, float), str, int))
            try:
                after = public_search.parse_after(values)
            except ValueError as error:
                raise cursor.InvalidCursor(
                    {"cursor": [cursor.InvalidCursor.default_detail]}
                ) from error
        rows, last = public_search.page(criteria, after=after, size=size)
        shared = Rows(request)
        results = [public_posting(shared, posting, featured) for posting, featured in rows]
        next_cursor = cursor.encode(last) if last else None
        return Response({"next": cursor.next_link(request, next_cursor), "results": results})


class PostingDetail(CachedPublicView):
    @extend_schema(
        operation_id="public_postings_retrieve",
        summary="One active job posting, with its JSON-LD",
        responses={200: PublicPostingDetailSerializer},
        tags=["public"],
    )
    def get(self, request, posting_id: int):
        posting = get_object_or_404(
            Posting.objects.select_related("group__organisation", "group__employer_profile"),
            pk=posting_id,
            live=True,
        )
        today = timezone.localdate()
        featured = bool(posting.featured_until and posting.featured_until >= today)
        data = public_posting(Rows(request), posting, featured)
        data["json_ld"] = json_ld(request, posting)
        return Response(data)


class ReferenceList(CachedPublicView):
    @extend_schema(
        operation_id="reference_items_list",
        summary="The reference lists (function types, fields, regions, cities, interests)",
        responses={200: ReferenceItemSerializer(many=True)},
        parameters=[OpenApiParameter("kind", OpenApiTypes.STR, enum=ReferenceItem.Kind.values)],
        tags=["public"],
    )
    def get(self, request):
        items = ReferenceItem.objects.filter(active=True).order_by("kind", "order", "name_fr")
        kind = request.GET.get("kind", "")
        if kind:
            if kind not in ReferenceItem.Kind.values:
                raise InvalidFields({"kind": [str(ReferenceItem.Kind.values)]})
            items = items.filter(kind=kind)
        return Response(
            [
                {
                    "id": item.pk,
                    "kind": item.kind,
                    "code": item.code,
                    "name": {"fr": item.name_fr, "en": item.name_en},
                }
                for item in items
            ]
        )
