"""The job site's search (J10): columns computed by PostgreSQL from the PUBLISHED version of a
posting (`published`, the JSON snapshot the public sees, kept while a revision is reviewed),
so that what search finds is always what the public page shows, for rows written by the ORM,
by the set-based scheduled job, by `bulk_create` or by raw SQL alike.

- text search configurations `french_unaccent` / `english_unaccent` (the language's stemmer
  after the unaccent dictionary): « ingenieur » finds « ingénieur »; `to_tsvector(regconfig,
  text)` is IMMUTABLE, so it can feed a generated column;
- `search_fr` / `search_en`: weighted tsvectors (title A, the four sections B; HTML tags are
  skipped by the parser), GENERATED ALWAYS … STORED, with partial GIN indexes on live rows;
- `pub_profile`, `pub_employment_type`, `pub_work_mode`, `pub_years`, `pub_field_ids`,
  `pub_place_ids`: the published filter values (ids added to the snapshot by
  `jobboard.postings.services.snapshot`), arrays with partial GIN indexes.

The columns are not on the Django model (the ORM never writes them); `jobboard/public/search.py`
reads them in SQL.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIGS = """
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE FUNCTION jobboard_int_array(value jsonb) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(x::integer), '{}')
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(value) = 'array'
                                        THEN value ELSE '[]'::jsonb END) AS x
$$;
"""
DROP_CONFIGS = """
DROP FUNCTION jobboard_int_array(jsonb);
DROP TEXT SEARCH CONFIGURATION english_unaccent;
DROP TEXT SEARCH CONFIGURATION french_unaccent;
"""


def _vector(lang: str) -> str:
    def f(name: str) -> str:
        return f"coalesce(published->>'{name}_{lang}', '')"

    body = " || ' ' || ".join(f(n) for n in ("purpose", "duties", "qualifications", "more"))
    config = f"'{lang == 'fr' and 'french' or 'english'}_unaccent'::regconfig"
    return (
        f"setweight(to_tsvector({config}, {f('title')}), 'A') || "
        f"setweight(to_tsvector({config}, {body}), 'B')"
    )


COLUMNS = f"""
ALTER TABLE jobboard_posting
    ADD COLUMN search_fr tsvector GENERATED ALWAYS AS ({_vector("fr")}) STORED,
    ADD COLUMN search_en tsvector GENERATED ALWAYS AS ({_vector("en")}) STORED,
    ADD COLUMN pub_profile varchar(10)
        GENERATED ALWAYS AS (coalesce(published->>'profile', '')) STORED,
    ADD COLUMN pub_employment_type varchar(12)
        GENERATED ALWAYS AS (coalesce(published->>'employment_type', '')) STORED,
    ADD COLUMN pub_work_mode varchar(10)
        GENERATED ALWAYS AS (coalesce(published->>'work_mode', '')) STORED,
    ADD COLUMN pub_years varchar(5)
        GENERATED ALWAYS AS (coalesce(published->>'years_on_roll', '')) STORED,
    ADD COLUMN pub_field_ids integer[]
        GENERATED ALWAYS AS (jobboard_int_array(published->'domain_ids')) STORED,
    ADD COLUMN pub_place_ids integer[]
        GENERATED ALWAYS AS (jobboard_int_array(published->'place_ids')) STORED;
CREATE INDEX posting_search_fr ON jobboard_posting USING gin (search_fr) WHERE live;
CREATE INDEX posting_search_en ON jobboard_posting USING gin (search_en) WHERE live;
CREATE INDEX posting_pub_fields ON jobboard_posting USING gin (pub_field_ids) WHERE live;
CREATE INDEX posting_pub_places ON jobboard_posting USING gin (pub_place_ids) WHERE live;
CREATE INDEX posting_live_newest ON jobboard_posting (published_at DESC, id DESC) WHERE live;
CREATE INDEX posting_live_featured ON jobboard_posting (featured_until) WHERE live;
"""
DROP_COLUMNS = """
DROP INDEX posting_live_featured;
DROP INDEX posting_live_newest;
ALTER TABLE jobboard_posting DROP COLUMN search_fr, DROP COLUMN search_en,
    DROP COLUMN pub_profile, DROP COLUMN pub_employment_type, DROP COLUMN pub_work_mode,
    DROP COLUMN pub_years, DROP COLUMN pub_field_ids, DROP COLUMN pub_place_ids;
"""


class Migration(migrations.Migration):
    dependencies = [("jobboard", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(CONFIGS, DROP_CONFIGS),
        migrations.RunSQL(COLUMNS, DROP_COLUMNS),
    ]
