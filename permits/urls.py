from django.urls import URLPattern, URLResolver, path

from permits import city, views

app_name = "permits"
A = "accounts/<int:account_id>/"
APP = A + "applications/<int:application_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.contractors, name="contractors"),
    path("associate/", views.associate, name="associate"),
    path("accounts/new/", views.register, name="register"),
    path(A, views.account_details, name="account"),
    path(A + "linked/", views.account_linked, name="linked"),
    path(A + "linked/permissions/", views.linked_roles, name="linked_roles"),
    path(A + "linked/selected/", views.linked_selected, name="linked_selected"),
    path(A + "fees/", views.account_fees, name="fees"),
    path(A + "fees/<int:fee_id>/pay/", views.fee_pay, name="fee_pay"),
    path(A + "banking/", views.account_banking, name="banking"),
    path(A + "access/", views.account_access, name="access"),
    path(A + "access/regenerate/", views.pin_regenerate, name="pin_regenerate"),
    path(A + "applications/", views.applications, name="applications"),
    path(A + "applications/new/", views.application_new, name="application_new"),
    path(APP, views.application_detail, name="application"),
    path(APP + "documents/", views.application_upload, name="application_upload"),
    path(APP + "inspections/", views.application_inspection, name="application_inspection"),
    path(A + "templates/", views.account_templates, name="templates"),
    path(A + "templates/<int:template_id>/delete/", views.template_delete, name="template_delete"),
    path("city/", city.city_applications, name="city_applications"),
    path("city/applications/<int:application_id>/", city.city_application, name="city_application"),
    path("city/import/", city.city_import, name="city_import"),
    path("city/attempts/", city.city_attempts, name="city_attempts"),
]
