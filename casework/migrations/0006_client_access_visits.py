# Issue 17, item 11: the access log keeps one line per person, client, organisation and hour
# (a visit), with its first and last view and its page count, instead of one line per page.

import django.utils.timezone
from django.db import migrations, models

# Existing rows: each visit's lines become one (the earliest keeps the count and last view).
FOLD_VISITS = """
UPDATE casework_clientaccess SET hour = date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
    last_at = at;
WITH visits AS (
    SELECT min(id) AS kept, count(*) AS n, max(at) AS last
    FROM casework_clientaccess
    GROUP BY client_id, user_id, group_id, hour
)
UPDATE casework_clientaccess a SET views = visits.n, last_at = visits.last
FROM visits WHERE a.id = visits.kept;
DELETE FROM casework_clientaccess a
WHERE a.id NOT IN (
    SELECT min(id) FROM casework_clientaccess GROUP BY client_id, user_id, group_id, hour
);
-- Check the deferred foreign keys now, so the table may be altered below.
SET CONSTRAINTS ALL IMMEDIATE;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_plan_consent'),
    ]

    operations = [
        migrations.AddField(
            model_name='clientaccess',
            name='last_at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name='clientaccess',
            name='views',
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name='clientaccess',
            name='hour',
            field=models.DateTimeField(null=True),
        ),
        migrations.RunSQL(FOLD_VISITS, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='clientaccess',
            name='hour',
            field=models.DateTimeField(),
        ),
        migrations.AddConstraint(
            model_name='clientaccess',
            constraint=models.UniqueConstraint(condition=models.Q(('group__isnull', False)), fields=('client', 'user', 'group', 'hour'), name='clientaccess_one_per_hour'),
        ),
        migrations.AddConstraint(
            model_name='clientaccess',
            constraint=models.UniqueConstraint(condition=models.Q(('group__isnull', True)), fields=('client', 'user', 'hour'), name='clientaccess_ministry_one_per_hour'),
        ),
    ]
