"""/api/: the schema, the reference page, the token endpoint and the v1 endpoints. Outside
the language prefixes: the language of messages comes from Accept-Language."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import not_found
from api.token import ThrottledTokenView
from api.v1 import jobs, others, public

app_name = "api"


class SchemaView(SpectacularAPIView):
    authentication_classes: list = []
    permission_classes: list = []


class DocsView(SpectacularSwaggerSplitView):
    authentication_classes: list = []
    permission_classes: list = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


V = "v1/"
urlpatterns = [
    path(V + "schema/", SchemaView.as_view(), name="schema"),
    path(V + "docs/", DocsView.as_view(), name="docs"),
    path(V + "oauth/token/", ThrottledTokenView.as_view(), name="token"),
    path(V + "postings/", public.PostingList.as_view(), name="postings"),
    path(V + "postings/<int:posting_id>/", public.PostingDetail.as_view(), name="posting"),
    path(V + "reference/", public.ReferenceList.as_view(), name="reference"),
    path(V + "me/", others.Me.as_view(), name="me"),
    path(V + "jobs/postings/", jobs.PostingList.as_view(), name="jobs_postings"),
    path(V + "jobs/postings/<int:posting_id>/", jobs.PostingDetail.as_view(), name="jobs_posting"),
    path(
        V + "jobs/postings/<int:posting_id>/submit/",
        jobs.PostingSubmit.as_view(),
        name="jobs_posting_submit",
    ),
    path(
        V + "jobs/postings/<int:posting_id>/end/",
        jobs.PostingEnd.as_view(),
        name="jobs_posting_end",
    ),
    path(
        V + "jobs/postings/<int:posting_id>/statistics/",
        jobs.PostingStatistics.as_view(),
        name="jobs_posting_statistics",
    ),
    path(V + "licences/codes/", others.LicenceCodeList.as_view(), name="licence_codes"),
    path(
        V + "permits/applications/",
        others.PermitApplicationList.as_view(),
        name="permit_applications",
    ),
    path(
        V + "permits/applications/<int:application_id>/",
        others.PermitApplicationDetail.as_view(),
        name="permit_application",
    ),
    re_path(r"^.*$", not_found),
]
