"""The certification office's exams to record, as items of the offices' console (issue 20)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from licensing.models import Application, LicenceCode
from portal.console.kinds import Facts, Outcome, WorkKind, register_work_kind

TO_RECORD = Application.State.COURSE_COMPLETED


def _facts(application: Application) -> Facts:
    applicant = application.applicant
    code = (
        LicenceCode.objects.filter(application=application)
        .select_related("group__organisation")
        .first()
    )
    return Facts(
        title=f"{applicant.display_name} — {application.certification}",
        office="certification_office",
        applicant=applicant.display_name,
        organisation=str(code.group.organisation) if code else "",
        email=applicant.email,
        reference=f"MSC-{application.pk:06d}",
        arrived=application.course_completed_at,
    )


def _outcome(application: Application) -> Outcome:
    return Outcome(outcome=application.state, decided_by_id=application.exam_recorded_by_id)


def register() -> None:
    register_work_kind(
        WorkKind(
            key="licensing.exam",
            label=_("Exam to record"),
            model=Application,
            offices=("certification_office",),
            waiting=lambda: Application.objects.filter(state=TO_RECORD).select_related(
                "applicant", "certification"
            ),
            is_waiting=lambda application: application.state == TO_RECORD,
            facts=_facts,
            outcome=_outcome,
            url=lambda application: reverse("licensing:staff_exams"),
            business_days=5,
            outcome_labels=dict(Application.State.choices),
        )
    )
