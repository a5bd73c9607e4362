"""The shapes of the API's JSON, for the OpenAPI schema (and the checks of the write body).
Responses are built as dicts by the views; tests check every response against this schema."""

from rest_framework import serializers

from jobboard.postings.models import Posting


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable code, e.g. not_found, invalid.")
    message = serializers.CharField(help_text="In the Accept-Language language (fr or en).")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
    product = serializers.CharField(
        required=False, help_text="credit_missing: the product to buy in the shop."
    )


class TextPairSerializer(serializers.Serializer):
    fr = serializers.CharField()
    en = serializers.CharField(allow_null=True)


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    same_as = serializers.URLField(allow_null=True)
    logo = serializers.URLField(allow_null=True)


class LocationSerializer(serializers.Serializer):
    street_address = serializers.CharField(allow_blank=True)
    locality = serializers.CharField(allow_blank=True)
    region = serializers.CharField(allow_blank=True)
    postal_code = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)


class PageUrlsSerializer(serializers.Serializer):
    fr = serializers.URLField()
    en = serializers.URLField()


class PublicPostingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = PageUrlsSerializer()
    featured = serializers.BooleanField()
    date_posted = serializers.DateField()
    valid_through = serializers.DateTimeField(allow_null=True)
    apply_deadline = serializers.DateField(allow_null=True)
    title = TextPairSerializer()
    description = TextPairSerializer(help_text="Sanitised HTML, the sections with headings.")
    profile = serializers.ChoiceField(Posting.Profile.choices, allow_null=True)
    employment_type = serializers.ListField(
        child=serializers.CharField(), help_text="schema.org values, e.g. FULL_TIME, CONTRACTOR."
    )
    work_mode = serializers.ChoiceField(Posting.WorkMode.choices, allow_null=True)
    years_on_roll = serializers.ChoiceField(Posting.Years.choices, allow_null=True)
    function = TextPairSerializer()
    domains = TextPairSerializer(many=True)
    places = TextPairSerializer(many=True)
    salary_note = serializers.CharField(allow_null=True)
    hiring_organization = OrganisationSerializer()
    job_location = LocationSerializer(allow_null=True)
    job_location_type = serializers.CharField(allow_null=True)
    direct_apply = serializers.BooleanField()


class JsonLdPairSerializer(serializers.Serializer):
    fr = serializers.DictField()
    en = serializers.DictField()


class PublicPostingDetailSerializer(PublicPostingSerializer):
    json_ld = JsonLdPairSerializer(help_text="The posting page's schema.org JobPosting.")


class PublicPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    results = PublicPostingSerializer(many=True)


class ReferenceItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    code = serializers.CharField()
    name = TextPairSerializer()
