"""Employer onboarding, company information and profile (J1, J2); the regulator's list."""

from django.urls import URLPattern, URLResolver, path

from jobboard.employer.views import company as views_company
from jobboard.employer.views import onboarding as views_onboarding

urlpatterns: list[URLPattern | URLResolver] = [
    path("employer/", views_onboarding.home, name="employer_home"),
    path("employer/signup/", views_onboarding.signup, name="signup"),
    path("employer/onboarding/", views_onboarding.onboarding_start, name="onboarding"),
    path(
        "employer/onboarding/company/",
        views_onboarding.onboarding_company,
        name="onboarding_company",
    ),
    path(
        "employer/onboarding/details/",
        views_onboarding.onboarding_details,
        name="onboarding_details",
    ),
    path("employer/onboarding/about/", views_onboarding.onboarding_about, name="onboarding_about"),
    path(
        "employer/onboarding/confirm/",
        views_onboarding.onboarding_confirm,
        name="onboarding_confirm",
    ),
    path("employer/<int:group_id>/company/", views_company.company, name="company"),
    path("employer/<int:group_id>/profile/", views_company.profile, name="profile"),
    path("staff/free-mail-domains/", views_company.free_mail_domains, name="free_mail_domains"),
    path(
        "staff/free-mail-domains/<int:pk>/delete/",
        views_company.free_mail_domain_delete,
        name="free_mail_domain_delete",
    ),
]
