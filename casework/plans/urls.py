"""URLs of SJS plans, closure requests and reports (same namespace as casework/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from casework import views_plans as v

urlpatterns: list[URLPattern | URLResolver] = [
    path("p/<int:group_id>/plans/", v.plan_list, name="plan_list"),
    path("p/<int:group_id>/clients/<int:client_id>/plans/new/", v.plan_new, name="plan_new"),
    path("p/<int:group_id>/plans/<int:plan_id>/", v.plan_detail, name="plan_detail"),
    path(
        "p/<int:group_id>/plans/<int:plan_id>/objectives/add/",
        v.objective_add,
        name="objective_add",
    ),
    path(
        "p/<int:group_id>/plans/<int:plan_id>/objectives/<int:objective_id>/",
        v.objective_edit,
        name="objective_edit",
    ),
    path(
        "p/<int:group_id>/plans/<int:plan_id>/objectives/<int:objective_id>/discard/",
        v.objective_discard,
        name="objective_discard",
    ),
    path("p/<int:group_id>/plans/<int:plan_id>/close/", v.plan_close, name="plan_close"),
    path(
        "p/<int:group_id>/clients/<int:client_id>/closure-request/",
        v.closure_request_new,
        name="closure_request_new",
    ),
    path("p/<int:group_id>/closure-requests/", v.closure_queue, name="closure_queue"),
    path(
        "p/<int:group_id>/closure-requests/<int:request_id>/",
        v.closure_request_decide,
        name="closure_request_decide",
    ),
    path("p/<int:group_id>/reports/", v.report, name="report"),
    path("p/<int:group_id>/reports/csv/", v.report_csv, name="report_csv"),
    path("ministry/reports/", v.ministry_report, name="ministry_report"),
    path("ministry/reports/csv/", v.ministry_report_csv, name="ministry_report_csv"),
]
