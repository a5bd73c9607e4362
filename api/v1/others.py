"""Licence codes (licences:read) and permit applications (permits:read), of the client's
group only; and "who am I" for any token."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api import cursor
from api.authentication import ANY_TOKEN, client_of
from api.errors import InvalidFields
from api.scopes import LICENCES_READ, PERMITS_READ
from api.serializers_others import (
    ClientSerializer,
    LicenceCodePageSerializer,
    PermitApplicationPageSerializer,
    PermitApplicationSerializer,
)
from api.v1.per_request import labels
from licensing.models import Application as LicensingApplication
from licensing.models import LicenceCode
from licensing.queries import group_codes
from permits.models import Application as PermitApplication
from permits.models import ContractorAccount
from permits.queries import account_applications


class Me(APIView):
    scopes = {"GET": ANY_TOKEN}

    @extend_schema(
        operation_id="me_retrieve",
        summary="The client this token belongs to, its group and scopes",
        responses={200: ClientSerializer},
        tags=["client"],
    )
    def get(self, request):
        client = client_of(request)
        group = client.group
        return Response(
            {
                "client_id": client.client_id,
                "name": client.name,
                "scopes": request.auth.scope.split(),
                "group": {
                    "id": group.pk,
                    "name": group.name,
                    "organisation": group.organisation.legal_name,
                    "service": group.service,
                },
            }
        )


CODE_STATES, PROGRESS = LicenceCode.State.choices, LicensingApplication.State.choices
PERMIT_KINDS, PERMIT_STATUSES = PermitApplication.Kind.choices, PermitApplication.Status.choices


def _code_json(code: LicenceCode, states: dict[str, str], progress: dict[str, str]) -> dict:
    """`states`, `progress`: the labels (per_request.labels) of the code's and application's."""
    application = code.application
    return {
        "id": code.pk,
        "code": code.display,
        "state": code.state,
        "state_label": states.get(code.state, code.state),
        "assigned_to": code.assigned_to,
        "assigned_on": code.assigned_on,
        "redeemed_at": code.redeemed_at,
        "employee": {
            "name": application.applicant.display_name,
            "email": application.applicant.email,
            "certification": application.certification.name,
            "progress": application.state,
            "progress_label": progress.get(application.state, application.state),
        }
        if application
        else None,
    }


class LicenceCodeList(APIView):
    scopes = {"GET": LICENCES_READ}

    @extend_schema(
        operation_id="licences_codes_list",
        summary="The group's licence codes, their state and the employee's progress",
        parameters=[
            OpenApiParameter("state", str, enum=LicenceCode.State.values),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="1 to 50 (20 by default)."),
        ],
        responses={200: LicenceCodePageSerializer},
        tags=["licences"],
    )
    def get(self, request):
        state = request.GET.get("state", "")
        if state and state not in LicenceCode.State.values:
            raise InvalidFields({"state": [_("Unknown state.")]})
        group = client_of(request).group
        rows, following = cursor.keyset_page(group_codes(group, state), request, descending=False)
        states, progress = labels(CODE_STATES), labels(PROGRESS)
        results = [_code_json(c, states, progress) for c in rows]
        return Response({"next": following, "results": results})


def _account(request) -> ContractorAccount | None:
    return ContractorAccount.objects.filter(group=client_of(request).group).first()


def _permit_json(application: PermitApplication, kinds: dict, statuses: dict) -> dict:
    """`kinds`, `statuses`: the labels (per_request.labels)."""
    return {
        "id": application.pk,
        "reference": application.reference,
        "kind": application.kind,
        "kind_label": kinds.get(application.kind, application.kind),
        "site_address": application.site_address,
        "description": application.description,
        "status": application.status,
        "status_label": statuses.get(application.status, application.status),
        "has_unpaid_fees": bool(getattr(application, "has_unpaid", False)),
        "inspections": getattr(application, "inspection_count", 0),
        "created_at": application.created_at,
        "updated_at": application.updated_at,
    }


def _applications(request):
    account = _account(request)
    if account is None:
        return PermitApplication.objects.none()
    return account_applications(account)


class PermitApplicationList(APIView):
    scopes = {"GET": PERMITS_READ}

    @extend_schema(
        operation_id="permits_applications_list",
        summary="The contractor account's permit applications, newest first",
        parameters=[
            OpenApiParameter("status", str, enum=PermitApplication.Status.values),
            OpenApiParameter("cursor", str),
            OpenApiParameter("page_size", int, description="1 to 50 (20 by default)."),
        ],
        responses={200: PermitApplicationPageSerializer},
        tags=["permits"],
    )
    def get(self, request):
        status = request.GET.get("status", "")
        if status and status not in PermitApplication.Status.values:
            raise InvalidFields({"status": [_("Unknown status.")]})
        applications = _applications(request)
        if status:
            applications = applications.filter(status=status)
        rows, following = cursor.keyset_page(applications, request)
        kinds, statuses = labels(PERMIT_KINDS), labels(PERMIT_STATUSES)
        results = [_permit_json(a, kinds, statuses) for a in rows]
        return Response({"next": following, "results": results})


class PermitApplicationDetail(APIView):
    scopes = {"GET": PERMITS_READ}

    @extend_schema(
        operation_id="permits_applications_retrieve",
        summary="One permit application and its status",
        responses={200: PermitApplicationSerializer},
        tags=["permits"],
    )
    def get(self, request, application_id: int):
        application = get_object_or_404(_applications(request), pk=application_id)
        return Response(_permit_json(application, labels(PERMIT_KINDS), labels(PERMIT_STATUSES)))
