"""The province leads the indexes of a province's licences by expiry, of one type or all."""

import django.db.models.functions.text
import sentra_portal.pagination
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('licensing', '0007_licence_type_province_index'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='licence',
            name='licence_type_province_idx',
        ),
        migrations.AddIndex(
            model_name='licence',
            index=models.Index(django.db.models.functions.text.Left('city', 2), models.F('licence_type'), sentra_portal.pagination.DateAsDays('valid_until'), models.F('id'), name='licence_province_type_idx'),
        ),
        migrations.AddIndex(
            model_name='licence',
            index=models.Index(django.db.models.functions.text.Left('city', 2), sentra_portal.pagination.DateAsDays('valid_until'), models.F('id'), name='licence_province_valid_idx'),
        ),
    ]
