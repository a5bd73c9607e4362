"""The report page's period fields and rows built in Python (casework/plans/report_table.py)
give what django-bootstrap5 and the template gave, with names escaped."""

import datetime

import pytest
from django.utils import translation
from django_bootstrap5.forms import render_field

from casework.plans.forms import ReportForm
from casework.plans.report_table import period_fields
from casework.registry.models import ServicePoint
from tests.casework.test_reports import bulk_plans


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "data",
    [
        {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 12, 6)},
        {"start": "2026-03-01", "end": "2026-11-30"},
        {"start": " 2026-3-1 ", "end": "2026-11-30"},  # the text typed, as typed
    ],
)
def test_period_fields_are_bootstrap_s(language, data):
    with translation.override(language):
        form = ReportForm(data)
        assert form.is_valid()
        fields = period_fields(form)
        assert fields is not None
        for name in ("start", "end"):
            assert fields[name] == render_field(form[name], success_css_class="")


def test_a_form_with_errors_is_left_to_the_template():
    form = ReportForm({"start": "2026-13-01", "end": ""})
    assert not form.is_valid()
    assert period_fields(form) is None


@pytest.mark.django_db
def test_names_are_escaped_on_the_ministry_report(providers, client):
    p = providers
    bulk_plans(p, p.a, p.point_a, 1)
    ServicePoint.objects.filter(pk=p.point_a.pk).update(name="Point <i>&</i>", eo_id="EO-<1>")
    client.force_login(p.ministry)
    page = client.get("/en/casework/ministry/reports/").content.decode()
    assert "Point &lt;i&gt;&amp;&lt;/i&gt; " in page and "(EO-&lt;1&gt;)" in page
    assert "<i>" not in page
    assert '<span class="d-block small fw-normal">Avenir Emploi Sudbury</span>' in page


@pytest.mark.django_db(transaction=True)
def test_the_report_runs_with_more_sort_memory_and_leaves_the_connection_as_it_was():
    from django.db import connection

    from casework.plans.queries import _WORK_MEM, _ReportQuery, plan_report
    from portal.lib.compiled import STAND_INS, Statement

    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        (before,) = cursor.fetchone()
    probe = _ReportQuery(
        lambda n: Statement(f"{_WORK_MEM}SELECT current_setting('work_mem'), %s", (n,)), 1
    )
    assert probe.rows(STAND_INS[1]) == [("64MB", STAND_INS[1])]
    plan_report(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone() == (before,) and before != "64MB"


@pytest.mark.django_db
def test_provider_tabs_escape_the_name_and_follow_the_permissions(providers):
    from django.template import Context, Template

    p = providers
    organisation = p.a.group.organisation
    organisation.operating_name = "A <b>&</b> Co"
    organisation.save()
    nav = Template("{% include 'casework/_nav.html' %}")
    with translation.override("en"):
        worker = nav.render(Context({"group": p.a.group, "perms": set(), "tab": "plans"}))
        manager = nav.render(
            Context(
                {
                    "group": p.a.group,
                    "perms": {"casework_reports", "portal_manage_group"},
                    "tab": "reports",
                }
            )
        )
    assert "Summer Jobs Service · A &lt;b&gt;&amp;&lt;/b&gt; Co</p>" in worker
    group_id = p.a.group.pk
    assert (
        f'<a class="nav-link active" aria-current="page" href="/en/casework/p/{group_id}/plans/">'
        "Service plans</a>" in worker
    )
    assert "Reports" not in worker and "Users" not in worker
    assert f'aria-current="page" href="/en/casework/p/{group_id}/reports/">Reports</a>' in manager
    assert "Seats in use" in manager and "Users" in manager
    with translation.override("fr"):
        ministry = Template("{% include 'casework/_ministry_nav.html' %}").render(
            Context({"tab": "clients"})
        )
    assert 'aria-current="page" href="/fr/casework/ministry/clients/">Clients</a>' in ministry
    assert "Service d’emplois d’été · Ministère" in ministry


@pytest.mark.django_db
def test_the_report_s_caption_headings_and_csv_link_in_each_language(providers, client):
    p = providers
    client.force_login(p.ministry)
    query = "?start=2026-03-01&end=2026-11-30"
    french = client.get(f"/fr/casework/ministry/reports/{query}").content.decode()
    english = client.get(f"/en/casework/ministry/reports/{query}").content.decode()
    assert "<caption>Du 01/03/2026 au 30/11/2026</caption>" in french
    assert "<caption>From 03/01/2026 to 11/30/2026</caption>" in english
    assert '<th scope="col">Fermés\u00a0: Placement terminé</th>' in french
    assert '<th scope="col">Closed: Client request</th>' in english
    csv = 'href="/en/casework/ministry/reports/csv/?start=2026-03-01&amp;end=2026-11-30"'
    assert csv in english
