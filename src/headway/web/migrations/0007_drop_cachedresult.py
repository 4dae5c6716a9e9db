# The guided start's assumption swings are a background job now, kept as jobs are: the table of
# kept results goes (each is computed again, as a job, when asked for).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('web', '0006_job_family'),
    ]

    operations = [
        migrations.DeleteModel(
            name='CachedResult',
        ),
    ]
