from django.urls import path

from billing import views

app_name = "billing"
urlpatterns = [
    path("groups/<int:group_id>/checkout/", views.checkout, name="checkout"),
    path("groups/<int:group_id>/cart/<int:line_id>/remove/", views.cart_remove, name="cart_remove"),
    path(
        "groups/<int:group_id>/orders/<int:order_id>/review/",
        views.order_review,
        name="order_review",
    ),
    path(
        "groups/<int:group_id>/orders/<int:order_id>/invoice-request/",
        views.invoice_request,
        name="invoice_request",
    ),
    path("groups/<int:group_id>/orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path(
        "groups/<int:group_id>/orders/<int:order_id>/cancel/",
        views.order_cancel,
        name="order_cancel",
    ),
    path("groups/<int:group_id>/transactions/", views.history, name="history"),
    path(
        "groups/<int:group_id>/orders/<int:order_id>/invoice.pdf",
        views.invoice_download,
        name="invoice",
    ),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("staff/invoices/", views.staff_invoices, name="staff_invoices"),
    path("staff/orders/<int:order_id>/paid/", views.staff_mark_paid, name="staff_mark_paid"),
    path(
        "staff/organisations/<int:organisation_id>/invoicing/",
        views.staff_invoice_eligibility,
        name="staff_invoice_eligibility",
    ),
]
