"""The shapes of the client, licence-code and permit-application answers (for the schema)."""

from rest_framework import serializers

from licensing.models import Application as LicensingApplication
from licensing.models import LicenceCode
from permits.models import Application as PermitApplication


class GroupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField()
    service = serializers.CharField()


class ClientSerializer(serializers.Serializer):
    client_id = serializers.CharField()
    name = serializers.CharField()
    scopes = serializers.ListField(child=serializers.CharField())
    group = GroupSerializer()


class EmployeeSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()
    certification = serializers.CharField()
    progress = serializers.ChoiceField(LicensingApplication.State.choices)
    progress_label = serializers.CharField()


class LicenceCodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="XXXX-XXXX-XXXX-XXXX")
    state = serializers.ChoiceField(LicenceCode.State.choices)
    state_label = serializers.CharField()
    assigned_to = serializers.CharField(allow_blank=True)
    assigned_on = serializers.DateField(allow_null=True)
    redeemed_at = serializers.DateTimeField(allow_null=True)
    employee = EmployeeSerializer(allow_null=True)


class LicenceCodePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = LicenceCodeSerializer(many=True)


class PermitApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.ChoiceField(PermitApplication.Kind.choices)
    kind_label = serializers.CharField()
    site_address = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(PermitApplication.Status.choices)
    status_label = serializers.CharField()
    has_unpaid_fees = serializers.BooleanField()
    inspections = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PermitApplicationPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = PermitApplicationSerializer(many=True)
