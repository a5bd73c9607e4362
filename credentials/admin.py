from django.contrib import admin

from credentials.models import Credential, CredentialClass, CredentialType


class CredentialClassInline(admin.TabularInline):
    model = CredentialClass
    extra = 0


@admin.register(CredentialType)
class CredentialTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "family", "kind", "active"]
    list_filter = ["family", "kind", "active"]
    inlines = [CredentialClassInline]


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["holder", "type", "credential_class", "number", "expires_on", "status"]
    list_filter = ["status", "source", "type__family"]
    search_fields = ["number", "holder__email"]
