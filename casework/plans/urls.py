"""URLs of SJS plans, closure requests and reports (casework/urls.py puts them in the
"casework" namespace)."""

from django.urls import URLPattern, URLResolver, path

from casework.plans.views import closing, employers, plans, reports

urlpatterns: list[URLPattern | URLResolver] = [
    path("p/<int:group_id>/plans/", plans.plan_list, name="plan_list"),
    path("p/<int:group_id>/clients/<int:client_id>/plans/new/", plans.plan_new, name="plan_new"),
    path("p/<int:group_id>/plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path(
        "p/<int:group_id>/plans/<int:plan_id>/objectives/add/",
        plans.objective_add,
        name="objective_add",
    ),
    path(
        "p/<int:group_id>/plans/<int:plan_id>/objectives/<int:objective_id>/",
        plans.objective_edit,
        name="objective_edit",
    ),
    path(
        "p/<int:group_id>/plans/<int:plan_id>/objectives/<int:objective_id>/discard/",
        plans.objective_discard,
        name="objective_discard",
    ),
    path(
        "p/<int:group_id>/placement-employers/",
        employers.employer_choices,
        name="placement_employers",
    ),
    path("p/<int:group_id>/plans/<int:plan_id>/close/", closing.plan_close, name="plan_close"),
    path(
        "p/<int:group_id>/clients/<int:client_id>/closure-request/",
        closing.closure_request_new,
        name="closure_request_new",
    ),
    path("p/<int:group_id>/closure-requests/", closing.closure_queue, name="closure_queue"),
    path(
        "p/<int:group_id>/closure-requests/<int:request_id>/",
        closing.closure_request_decide,
        name="closure_request_decide",
    ),
    path("p/<int:group_id>/reports/", reports.report, name="report"),
    path("p/<int:group_id>/reports/csv/", reports.report_csv, name="report_csv"),
    path("ministry/reports/", reports.ministry_report, name="ministry_report"),
    path("ministry/reports/csv/", reports.ministry_report_csv, name="ministry_report_csv"),
]
