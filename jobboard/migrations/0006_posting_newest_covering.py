"""Newest-first indexes that answer the job site's search and the partner API's list with
their filters from the index alone (issue 19, issue 21: p95 < 50 ms at 100,000 postings).

- `posting_live_newest` (0002) becomes covering: the walk newest first also carries whether
  and until when a posting is featured and the published filter values, so a filter that
  few postings match is checked in the index pages (an index-only scan), not on one heap page
  per posting read;
- `posting_featured_newest`: the same, restricted to postings ever featured (a few percent).
  The featured part of a page was found by walking every live posting newest first, or by
  reading every featured posting (each on its own heap page: 4,000 at 100,000 postings);
  now by a walk over the featured ones only (`featured_until >= today` implies NOT NULL).

RunSQL: the filter columns are generated columns the model does not declare (0002).
"""

from django.db import migrations

INCLUDE = (
    "featured_until, pub_profile, pub_employment_type, pub_work_mode, pub_years,"
    " pub_field_ids, pub_place_ids"
)
FORWARD = f"""
DROP INDEX posting_live_newest;
CREATE INDEX posting_live_newest ON jobboard_posting (published_at DESC, id DESC)
    INCLUDE ({INCLUDE}) WHERE live;
CREATE INDEX posting_featured_newest ON jobboard_posting (published_at DESC, id DESC)
    INCLUDE ({INCLUDE}) WHERE live AND featured_until IS NOT NULL;
"""
BACKWARD = """
DROP INDEX posting_featured_newest;
DROP INDEX posting_live_newest;
CREATE INDEX posting_live_newest ON jobboard_posting (published_at DESC, id DESC) WHERE live;
"""


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0005_posting_state_scheduled_label")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
