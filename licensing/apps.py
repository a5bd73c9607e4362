from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def participation(user_id):
    """A member of a licensing group, or someone who took the course or applied (the
    dashboard runs it with the other services' checks: portal.service_registry)."""
    from django.db.models import Exists, OuterRef, Q

    from accounts.models import User
    from licensing.models import Application, IntroCourseCompletion
    from portal.models import Membership

    return User.objects.filter(pk=user_id).filter(
        Q(
            Exists(
                Membership.objects.filter(
                    user=OuterRef("pk"),
                    group__service="licensing",
                    status=Membership.Status.ACTIVE,
                )
            )
        )
        | Q(Exists(IntroCourseCompletion.objects.filter(user=OuterRef("pk"))))
        | Q(Exists(Application.objects.filter(applicant=OuterRef("pk"))))
    )


def participates(user) -> bool:
    from portal.service_registry import get_service

    return get_service("licensing").participates(user)


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = _("Supervisor certification licences")

    def ready(self) -> None:
        from licensing import work  # its kinds of work in the offices' console

        work.register()
        from billing.hooks import Shop, register_fulfilment, register_shop
        from licensing import roles, services
        from licensing.models import Application
        from portal import files
        from portal.alerts import register_alert
        from portal.audit_labels import register_states, register_verbs
        from portal.review_kinds import ReviewKind, register_review_kind
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="licensing",
                name=_("Mine supervisor certification"),
                description=_(
                    "Companies buy certification licences in bulk; "
                    "employees apply, get approved and redeem a code."
                ),
                participation=participation,
                url_name="licensing:home",
                order=30,
                staff_role="certification_office",
                contact_email="MiningCertification@wsc.nt.ca",
            )
        )
        register_fulfilment("licensing.create_codes", services.fulfil_order_line)
        register_shop(
            Shop(
                service="licensing",
                buy_permission=roles.BUY,
                history_permission=roles.VIEW_TRANSACTIONS,
                finance_role=roles.FINANCE.key,
                home_url_name="licensing:company",
                seller={
                    "name": _("CSTIT — Mine supervisor certification"),
                    "address": "Box 8888\nYellowknife NT  X1A 2R3",
                    "email": "MiningCertification@wsc.nt.ca",
                    "gst_number": "12345 6789 RT0001",
                },
            )
        )
        register_review_kind(
            ReviewKind(
                key=services.APPLICATION_REVIEW,
                label=_("Mine supervisor certification application"),
                panel_template="licensing/review_panel.html",
                panel_context=review_panel_context,
                on_approve=services.on_application_approved,
                on_request_changes=services.on_application_changes,
                on_refuse=services.on_application_refused,
                summaries=application_summaries,
                applicant_url=application_url,
                own_emails=frozenset({"approve"}),  # licensing_approved, with the deadline
            )
        )
        files.register_access(Application, application_file_access)
        register_alert(
            services.WEEKLY_ALERT,
            _("Weekly summary of my company's unused licence codes"),
            default=True,
        )
        register_verbs(
            {
                "application.applied": _("Application sent"),
                "application.approved": _("Application approved"),
                "application.refused": _("Application refused"),
                "application.changes_requested": _("Changes requested"),
                "application.redeemed": _("Licence code redeemed"),
                "application.lapsed": _("Approval lapsed"),
                "application.course_completed": _("Course completed"),
                "application.certified": _("Exam passed: certified"),
                "application.exam_failed": _("Exam failed"),
                "code.in_use": _("Code named in an application"),
                "code.released": _("Code given back to the company"),
                "code.redeemed": _("Code redeemed"),
            }
        )
        register_states(dict(Application.State.choices))


def application_summaries(reviews) -> dict[int, str]:
    """ "Certification application: <certification> — <applicant>" in the reader's language."""
    from django.utils.translation import gettext

    from licensing.queries import application_summary_rows

    found = application_summary_rows([r.subject_id for r in reviews])
    text = gettext("Certification application: %(cert)s — %(name)s")
    texts = {}
    for review in reviews:
        row = found.get(review.subject_id)
        if row is not None:
            certification, email = row
            texts[review.pk] = text % {"cert": certification.name, "name": email}
    return texts


def application_url(review) -> str:
    from django.urls import reverse

    return reverse("licensing:application", args=[review.subject_id])


def application_file_access(user, application) -> bool:
    """An application's documents: its applicant and the certification office."""
    return user.pk == application.applicant_id or user.staff_role == "certification_office"


def review_panel_context(review) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from licensing.models import IntroCourseCompletion, LicenceCode
    from portal.models import PrivateFile

    application = review.subject
    return {
        "application": application,
        "documents": list(
            PrivateFile.objects.filter(
                attached_type=ContentType.objects.get_for_model(application),
                attached_id=str(application.pk),
            ).order_by("created_at")
        ),
        "intro": IntroCourseCompletion.objects.filter(user_id=application.applicant_id).first(),
        "code": LicenceCode.objects.filter(application=application)
        .select_related("group__organisation")
        .first(),
        "previous": application.applicant.licensing_applications.exclude(pk=application.pk)
        .select_related("certification")
        .order_by("-created_at")[:10],
    }
