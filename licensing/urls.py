from django.urls import path

from licensing import views

app_name = "licensing"
urlpatterns = [
    path("", views.home, name="home"),
    path("companies/new/", views.company_new, name="company_new"),
    path("groups/<int:group_id>/", views.company, name="company"),
    path("groups/<int:group_id>/buy/", views.buy, name="buy"),
    path("groups/<int:group_id>/codes/", views.codes, name="codes"),
    path("groups/<int:group_id>/codes.csv", views.codes_csv, name="codes_csv"),
    path("groups/<int:group_id>/codes/<int:code_id>/notes/", views.code_notes, name="code_notes"),
    path("course/", views.intro_course, name="intro_course"),
    path("apply/", views.apply, name="apply"),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    path("applications/<int:application_id>/redeem/", views.redeem, name="redeem"),
    path("applications/<int:application_id>/resubmit/", views.resubmit, name="resubmit"),
    path("applications/<int:application_id>/course/", views.course, name="course"),
    path("staff/exams/", views.staff_exams, name="staff_exams"),
    path("staff/exams/<int:application_id>/", views.staff_exam_record, name="staff_exam_record"),
]
