from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from accounts import views as account_views
from portal.views import core, files, groups, organisations, session, staff

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/language/", core.set_language, name="set_language"),
    path("healthz", core.healthz, name="healthz"),
    path("robots.txt", core.robots_txt, name="robots_txt"),
    # The session-timeout warning: how long is left (not activity), and « Stay signed in ».
    path("session/", session.session_status, name="session_status"),
    path("session/renew/", session.session_renew, name="session_renew"),
    # Public uploads (logos). Private files are served only by files.private_file_download.
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
    # The partner API (api/urls.py, docs/api.md): no language prefix, Accept-Language instead.
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", core.home, name="home"),
    path("dashboard/", core.dashboard, name="dashboard"),
    path("privacy/", core.legal_page, {"page": "privacy"}, name="privacy"),
    path("accessibility/", core.legal_page, {"page": "accessibility"}, name="accessibility"),
    path("terms/", core.legal_page, {"page": "terms"}, name="terms"),
    # The e-mail page first: it refuses changes to a locked sign-in e-mail (C1).
    path("accounts/email/", account_views.email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("files/<uuid:pk>/", files.private_file_download, name="private_file"),
    path("organisations/", organisations.organisation_search_view, name="organisation_search"),
    path("organisations/new/", organisations.organisation_new, name="organisation_new"),
    path(
        "organisations/<int:organisation_id>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<int:organisation_id>/groups/new/", organisations.group_new, name="group_new"
    ),
    path("groups/", groups.my_groups, name="my_groups"),
    path("groups/<int:group_id>/", groups.group_detail, name="group_detail"),
    path("groups/<int:group_id>/join/", organisations.group_join, name="group_join"),
    path("groups/<int:group_id>/edit/", groups.group_edit, name="group_edit"),
    path(
        "groups/<int:group_id>/members/<int:membership_id>/decide/",
        groups.membership_decide,
        name="membership_decide",
    ),
    path(
        "groups/<int:group_id>/members/<int:membership_id>/roles/",
        groups.membership_roles,
        name="membership_roles",
    ),
    path(
        "groups/<int:group_id>/members/<int:membership_id>/remove/",
        groups.membership_remove_view,
        name="membership_remove",
    ),
    path("staff/inbox/", staff.inbox, name="staff_inbox"),
    path("staff/reviews/<int:review_id>/", staff.review_detail, name="staff_review"),
    path("console/", include("portal.console.urls")),  # the offices' console (issue 20)
    # One prefix per service app; each app keeps its own urls.py (with app_name).
    path("matching/", include("matching.urls")),
    path("jobs/", include("jobboard.urls")),
    path("licensing/", include("licensing.urls")),
    path("permits/", include("permits.urls")),
    path("casework/", include("casework.urls")),
    path("billing/", include("billing.urls")),
    path("api-access/", include("api.access_urls")),
    path("credentials/", include("credentials.urls")),
    path("outbox/", core.outbox, name="outbox"),
    path("outbox/<int:pk>/", core.outbox_message, name="outbox_message"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# Error pages in the portal's layout and the page's language (portal/views/errors.py).
handler400 = "portal.views.errors.bad_request"
handler403 = "portal.views.errors.permission_denied"
handler404 = "portal.views.errors.page_not_found"
# Not Django's: allauth's rate limits answer with `<ROOT_URLCONF>.handler429` when it exists.
handler429 = "portal.views.errors.too_many_requests"
handler500 = "portal.views.errors.server_error"
