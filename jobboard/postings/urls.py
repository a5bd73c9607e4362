from django.urls import path

from jobboard.postings import views

G = "groups/<int:group_id>/"
P = G + "postings/<int:posting_id>/"
urlpatterns = [
    path(G + "dashboard/", views.dashboard, name="dashboard"),
    path(G + "postings/", views.postings, name="postings"),
    path(G + "postings/new/", views.posting_create, name="posting_create"),
    path(P, views.posting_detail, name="posting_detail"),
    path(P + "resume/", views.posting_resume, name="posting_resume"),
    path(P + "step/<slug:step>/", views.posting_step, name="posting_step"),
    path(P + "do/<slug:action>/", views.posting_action, name="posting_action"),
    path(G + "packages/", views.packages, name="packages"),
    path(G + "buy/", views.buy, name="buy"),
    path(G + "communications/", views.communications, name="communications"),
    path("staff/products/", views.staff_products, name="staff_products"),
    path(
        "staff/postings/<int:posting_id>/cancel/",
        views.staff_posting_cancel,
        name="staff_posting_cancel",
    ),
    path(
        "staff/postings/<int:posting_id>/edit/", views.staff_posting_edit, name="staff_posting_edit"
    ),
]
