"""The job site's demo: 300 postings online, searchable (generated columns filled on bulk
insert), some featured, a third in English; running it twice changes nothing."""

import pytest
from django.db import connection
from django.utils import translation

from jobboard import demo
from jobboard.postings.models import Posting
from jobboard.public import search as js
from portal.demo import seed_accounts, seed_core
from tests.jobboard.postings_helpers import reference_data

pytestmark = pytest.mark.django_db


def test_demo_public_postings_are_online_and_searchable():
    reference_data()
    seed_accounts()
    seed_core()
    demo.seed()
    demo.seed()
    online = Posting.objects.filter(reference="demo-public", live=True, state="active")
    assert online.count() == 300
    assert online.values("group").distinct().count() == 8
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE search_fr <> ''),"
            " count(*) FILTER (WHERE search_en <> ''),"
            " count(*) FILTER (WHERE cardinality(pub_field_ids) > 0)"
            " FROM jobboard_posting WHERE reference = 'demo-public'"
        )
        assert cursor.fetchone() == (300, 100, 300)
    with translation.override("en"):
        results = js.search(js.Criteria(q="structural"))
    assert 0 < results.total < 300
    assert js.search(js.Criteria()).rows[0].featured
    field = online.first().published["domain_ids"][0]
    assert js.search(js.Criteria(field=field)).total > 0
