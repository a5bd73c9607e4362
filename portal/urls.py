from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from portal import views, views_files

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/language/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("files/<uuid:pk>/", views_files.private_file_download, name="private_file"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_message, name="outbox_message"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
