"""The words of the IKMs' names (`registry.models.ikm_words`), written for the IKMs already
registered by the same SQL as the trigger that writes them from now on."""

import django.db.models.deletion
import django.db.models.functions.text
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

# As `registry.models.ikm_words.WORDS_OF_EVERY_IKM` wrote it when this migration was made
# (a migration keeps its own copy: the module may change later).
WORDS_OF_EVERY_IKM = (
    "INSERT INTO registry_ikmword (ikm_id, word, city, name) "
    "SELECT ikm.id, words.word, ikm.city_id, ikm.name FROM registry_ikm ikm, "
    "LATERAL (SELECT DISTINCT word FROM regexp_split_to_table("
    "lower(ikm.name || ' ' || ikm.owner_name), '[^[:alnum:]]+') word WHERE word <> '') words"
)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_word_similarity_cost'),
    ]

    operations = [
        migrations.CreateModel(
            name='IkmWord',
            fields=[
                ('pk', models.CompositePrimaryKey('ikm', 'word', blank=True, editable=False, primary_key=True, serialize=False)),
                ('ikm', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='words', to='registry.ikm')),
                ('word', models.CharField(max_length=200)),
                ('city', models.CharField(max_length=13)),
                ('province', models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Left('city', 2), output_field=models.CharField(max_length=2))),
                ('name', models.CharField(max_length=200)),
            ],
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='ikm',
            trigger=pgtrigger.compiler.Trigger(name='ikm_words', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF TG_OP = 'UPDATE' THEN DELETE FROM registry_ikmword WHERE ikm_id = NEW.id; END IF; INSERT INTO registry_ikmword (ikm_id, word, city, name) SELECT NEW.id, word, NEW.city_id, NEW.name FROM (SELECT DISTINCT word FROM regexp_split_to_table(lower(NEW.name || ' ' || NEW.owner_name), '[^[:alnum:]]+') word WHERE word <> '') words; RETURN NULL;", hash='2a5fa5bbabee5e9611f9a1aa2d305514442649be', operation='INSERT OR UPDATE OF "name", "owner_name", "city_id"', pgid='pgtrigger_ikm_words_4a392', table='registry_ikm', when='AFTER')),
        ),
        migrations.RunSQL(WORDS_OF_EVERY_IKM, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='ikmword',
            index=models.Index(fields=['word', 'city', 'name', 'ikm'], name='ikmword_city_idx'),
        ),
        migrations.AddIndex(
            model_name='ikmword',
            index=models.Index(fields=['word', 'province', 'name', 'ikm'], name='ikmword_province_idx'),
        ),
    ]
