# Kept results belong to a workspace, so only its newest few are kept. Those kept before have
# no workspace: they are dropped (each is computed again when asked for).

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def _drop_unowned(apps: Any, schema_editor: Any) -> None:
    apps.get_model("web", "CachedResult").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('web', '0006_job_family'),
    ]

    operations = [
        migrations.RunPython(_drop_unowned, migrations.RunPython.noop),
        migrations.AddField(
            model_name='cachedresult',
            name='workspace',
            field=models.ForeignKey(
                default=0,
                on_delete=django.db.models.deletion.CASCADE,
                related_name='+',
                to='web.workspace',
            ),
            preserve_default=False,
        ),
    ]
