"""The employer's postings (scopes jobs:read and jobs:write), always within the client's
group: list, create a draft, read, update, submit, end, statistics per day."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api import cursor
from api.authentication import client_of
from api.errors import CreditMissing, InvalidFields, InvalidState
from api.scopes import JOBS_READ, JOBS_WRITE
from api.serializers_jobs import (
    EmployerPostingPageSerializer,
    EmployerPostingSerializer,
    PostingCreateSerializer,
    PostingWriteSerializer,
    StatisticsSerializer,
)
from api.v1 import jobs_data
from api.v1.per_request import PageUrls, labels
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.postings.queries import group_balances
from jobboard.statistics.services import performance

MAX_DAYS = 366


def _body(request, serializer_class) -> dict:
    if not isinstance(request.data, dict):
        raise InvalidFields({"non_field_errors": [_("Send a JSON object.")]})
    serializer = serializer_class(data=request.data)
    unknown = sorted(set(request.data) - set(serializer.fields))
    if unknown:
        raise InvalidFields({name: [_("Unknown field.")] for name in unknown})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _json(request, posting: Posting) -> dict:
    return jobs_data.posting_json(posting, PageUrls(request), labels(Posting.State.choices))


def _reload(group, posting_id: int) -> Posting:
    return jobs_data.posting_in_group(group, posting_id)


class PostingList(APIView):
    scopes = {"GET": JOBS_READ, "POST": JOBS_WRITE}

    @extend_schema(
        operation_id="jobs_postings_list",
        summary="The group's postings, newest first",
        parameters=[
            OpenApiParameter("status", str, enum=Posting.State.values),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="1 to 50 (20 by default)."),
        ],
        responses={200: EmployerPostingPageSerializer},
        tags=["jobs"],
    )
    def get(self, request):
        status = request.GET.get("status", "")
        if status and status not in Posting.State.values:
            raise InvalidFields({"status": [_("Unknown status.")]})
        group = client_of(request).group
        postings = jobs_data.postings_query(group, status).defer("published")  # not given
        rows, following = cursor.keyset_page(postings, request)
        urls, states = PageUrls(request), labels(Posting.State.choices)
        results = [jobs_data.posting_json(p, urls, states) for p in rows]
        return Response({"next": following, "results": results})

    @extend_schema(
        operation_id="jobs_postings_create",
        summary="Create a draft posting (the wizard's rules)",
        request=PostingCreateSerializer,
        responses={201: EmployerPostingSerializer},
        tags=["jobs"],
    )
    def post(self, request):
        body = _body(request, PostingCreateSerializer)
        client = client_of(request)
        with transaction.atomic():
            posting = services.posting_create(
                group=client.group, actor=request.user, profile=body.pop("profile")
            )
            jobs_data.apply_body(posting, body, request.user)
        return Response(_json(request, _reload(client.group, posting.pk)), status=201)


class PostingDetail(APIView):
    scopes = {"GET": JOBS_READ, "PATCH": JOBS_WRITE}

    @extend_schema(
        operation_id="jobs_postings_retrieve",
        summary="One posting: its content, status and the regulator's note",
        responses={200: EmployerPostingSerializer},
        tags=["jobs"],
    )
    def get(self, request, posting_id: int):
        posting = jobs_data.posting_in_group(client_of(request).group, posting_id)
        return Response(_json(request, posting))

    @extend_schema(
        operation_id="jobs_postings_update",
        summary="Update a posting (the wizard's rules; fields not sent are kept)",
        request=PostingWriteSerializer,
        responses={200: EmployerPostingSerializer},
        tags=["jobs"],
    )
    def patch(self, request, posting_id: int):
        group = client_of(request).group
        posting = jobs_data.posting_in_group(group, posting_id)
        body = _body(request, PostingWriteSerializer)
        if posting.state not in services.EDITABLE:
            raise InvalidState(_("This posting cannot be changed in its current status."))
        with transaction.atomic():
            jobs_data.apply_body(posting, body, request.user)
        return Response(_json(request, _reload(group, posting.pk)))


SUBMITTABLE = {
    Posting.State.DRAFT,
    Posting.State.TO_REVISE,
    Posting.State.SCHEDULED,
    Posting.State.ACTIVE,
}


def _refuse_without_credit(posting, group, error: Exception | None = None) -> None:
    """402-style refusal naming the product to buy when the group's bank lacks the credit."""
    product = jobs_data.missing_product(posting, group_balances(group))
    if product:
        raise CreditMissing(jobs_data.missing_credit_message(product), product) from error


class PostingSubmit(APIView):
    scopes = {"POST": JOBS_WRITE}

    @extend_schema(
        operation_id="jobs_postings_submit",
        summary="Send the posting to the regulator (takes a credit)",
        request=None,
        responses={200: EmployerPostingSerializer},
        tags=["jobs"],
    )
    def post(self, request, posting_id: int):
        group = client_of(request).group
        posting = jobs_data.posting_in_group(group, posting_id)
        if posting.state not in SUBMITTABLE:
            raise InvalidState(_("This posting cannot change that way now."))
        problems = services.submission_problems(posting)
        if problems:
            raise InvalidFields(
                {"non_field_errors": [str(p) for p in problems]},
                _("The posting is not complete: see “fields”."),
            )
        _refuse_without_credit(posting, group)
        try:
            services.posting_submit(posting=posting, actor=request.user)
        except JobboardError as error:
            # A credit taken by another submission at the same instant, or a rule.
            _refuse_without_credit(posting, group, error)
            raise InvalidState(error.message) from error
        return Response(_json(request, _reload(group, posting.pk)))


class PostingEnd(APIView):
    scopes = {"POST": JOBS_WRITE}

    @extend_schema(
        operation_id="jobs_postings_end",
        summary="End the publication now",
        request=None,
        responses={200: EmployerPostingSerializer},
        tags=["jobs"],
    )
    def post(self, request, posting_id: int):
        group = client_of(request).group
        posting = jobs_data.posting_in_group(group, posting_id)
        try:
            services.posting_end(posting=posting, actor=request.user)
        except JobboardError as error:
            raise InvalidState(error.message) from error
        return Response(_json(request, _reload(group, posting.pk)))


def _day(request, name: str, default: datetime.date) -> datetime.date:
    text = request.GET.get(name)
    if not text:
        return default
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise InvalidFields({name: [_("Give a date as YYYY-MM-DD.")]}) from error


class PostingStatistics(APIView):
    scopes = {"GET": JOBS_READ}

    @extend_schema(
        operation_id="jobs_postings_statistics",
        summary="Views, apply clicks and shares per day",
        parameters=[
            OpenApiParameter("start", datetime.date, description="30 days ago by default."),
            OpenApiParameter("end", datetime.date, description="Today by default."),
        ],
        responses={200: StatisticsSerializer},
        tags=["jobs"],
    )
    def get(self, request, posting_id: int):
        group = client_of(request).group
        posting = jobs_data.posting_in_group(group, posting_id)
        today = timezone.localdate()
        end = _day(request, "end", today)
        start = _day(request, "start", max(end, datetime.date(1, 2, 1)) - datetime.timedelta(30))
        if start > end or (end - start).days >= MAX_DAYS:
            raise InvalidFields({"start": [_("Give a period of one day to one year.")]})
        figures = performance([posting.pk], start, end)
        return Response({"start": start, "end": end, **figures})
