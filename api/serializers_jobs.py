"""The employer's postings: the write body (types only: the wizard's forms apply the rules)
and the posting read back; the statistics."""

from rest_framework import serializers

from api.serializers import PageUrlsSerializer
from jobboard.postings.models import Posting

P = Posting
TEXT = 20000  # one rich-text section


def _choice(choices, **kwargs):
    return serializers.ChoiceField(choices, required=False, allow_blank=True, **kwargs)


def _text(max_length, **kwargs):
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True, **kwargs)


def _ids():
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        max_length=100,
        required=False,
        help_text="Ids from /api/v1/reference/.",
    )


class PostingWriteSerializer(serializers.Serializer):
    """Every field is optional on update: a wizard step is validated whole, with the
    posting's current values for the fields not sent."""

    profile = serializers.ChoiceField(P.Profile.choices, required=False)
    title_fr = _text(150)
    title_en = _text(150)
    function_type = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True
    )
    domains = _ids()
    employment_type = _choice(P.EmploymentType.choices)
    position_status = _choice(P.PositionStatus.choices)
    work_mode = _choice(P.WorkMode.choices)
    apply_deadline = serializers.DateField(required=False, allow_null=True)
    salary_note = _text(50)
    reference = _text(60)
    years_on_roll = _choice(P.Years.choices)
    location_kind = _choice(P.Location.choices)
    street_address = _text(200)
    city = _text(100)
    postal_code = _text(10)
    places = _ids()
    interests = _ids()
    purpose_fr = _text(TEXT, help_text="HTML; cleaned (allow-list) on the server.")
    purpose_en = _text(TEXT)
    duties_fr = _text(TEXT)
    duties_en = _text(TEXT)
    qualifications_fr = _text(TEXT)
    qualifications_en = _text(TEXT)
    more_fr = _text(TEXT)
    more_en = _text(TEXT)
    featured = serializers.BooleanField(required=False)
    publish_mode = serializers.ChoiceField(P.PublishMode.choices, required=False)
    publish_on = serializers.DateField(required=False, allow_null=True)
    apply_mode = _choice(P.ApplyMode.choices)
    apply_url = _text(500)
    apply_email = _text(254)


class PostingCreateSerializer(PostingWriteSerializer):
    profile = serializers.ChoiceField(P.Profile.choices)


class DecisionSerializer(serializers.Serializer):
    state = serializers.CharField(help_text="approved, changes_requested or refused.")
    note = serializers.CharField(allow_blank=True)
    decided_at = serializers.DateTimeField()


class EmployerPostingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(P.State.choices)
    state_label = serializers.CharField()
    step = serializers.CharField()
    profile = serializers.ChoiceField(P.Profile.choices, allow_null=True)
    title_fr = serializers.CharField(allow_blank=True)
    title_en = serializers.CharField(allow_blank=True)
    function_type = serializers.IntegerField(allow_null=True)
    domains = serializers.ListField(child=serializers.IntegerField())
    employment_type = serializers.CharField(allow_blank=True)
    position_status = serializers.CharField(allow_blank=True)
    work_mode = serializers.CharField(allow_blank=True)
    apply_deadline = serializers.DateField(allow_null=True)
    salary_note = serializers.CharField(allow_blank=True)
    reference = serializers.CharField(allow_blank=True)
    years_on_roll = serializers.CharField(allow_blank=True)
    location_kind = serializers.CharField(allow_blank=True)
    street_address = serializers.CharField(allow_blank=True)
    city = serializers.CharField(allow_blank=True)
    postal_code = serializers.CharField(allow_blank=True)
    places = serializers.ListField(child=serializers.IntegerField())
    interests = serializers.ListField(child=serializers.IntegerField())
    purpose_fr = serializers.CharField(allow_blank=True)
    purpose_en = serializers.CharField(allow_blank=True)
    duties_fr = serializers.CharField(allow_blank=True)
    duties_en = serializers.CharField(allow_blank=True)
    qualifications_fr = serializers.CharField(allow_blank=True)
    qualifications_en = serializers.CharField(allow_blank=True)
    more_fr = serializers.CharField(allow_blank=True)
    more_en = serializers.CharField(allow_blank=True)
    featured = serializers.BooleanField()
    publish_mode = serializers.ChoiceField(P.PublishMode.choices)
    publish_on = serializers.DateField(allow_null=True)
    apply_mode = serializers.CharField(allow_blank=True)
    apply_url = serializers.CharField(allow_blank=True)
    apply_email = serializers.CharField(allow_blank=True)
    package_attached = serializers.BooleanField()
    live = serializers.BooleanField(help_text="Online on the job site now.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    featured_until = serializers.DateField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    regulator_decision = DecisionSerializer(
        allow_null=True, help_text="The regulator's last decision and its note."
    )
    public_url = PageUrlsSerializer(allow_null=True)


class EmployerPostingPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = EmployerPostingSerializer(many=True)


class DayStatSerializer(serializers.Serializer):
    day = serializers.DateField()
    views = serializers.IntegerField()
    clicks = serializers.IntegerField()
    shares = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    views = serializers.IntegerField()
    clicks = serializers.IntegerField()
    shares = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    totals = TotalsSerializer(help_text="The period's totals.")
    days = DayStatSerializer(many=True)
