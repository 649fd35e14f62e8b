"""The activity list's search box (title or venue, any case) through trigram indexes."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('guidance', '0005_city_summary'),
        ('sentra_portal', '0003_notifications'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='activity',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('title'), name='gin_trgm_ops'), name='activity_title_trgm_idx'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('venue'), name='gin_trgm_ops'), name='activity_venue_trgm_idx'),
        ),
    ]
