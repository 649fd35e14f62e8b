"""Search word by word: every word the IKMs' names have (`NameWord`), filled from the word rows
and kept by the trigger `ikm_words` from now on, and the GIN index of (area codes, words)."""

import django.contrib.postgres.indexes
import pgtrigger.compiler
import pgtrigger.migrations
import registry.models.ikms
from django.db import migrations, models

# As `registry.models.ikm_words.VOCABULARY_OF_EVERY_IKM` read when this migration was made.
VOCABULARY_OF_EVERY_IKM = (
    "INSERT INTO registry_nameword (word) SELECT DISTINCT word FROM registry_ikmword "
    "ON CONFLICT DO NOTHING"
)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0005_ikm_words'),
    ]

    operations = [
        migrations.CreateModel(
            name='NameWord',
            fields=[
                ('word', models.CharField(max_length=200, primary_key=True, serialize=False)),
            ],
        ),
        migrations.RunSQL(VOCABULARY_OF_EVERY_IKM, migrations.RunSQL.noop),
        pgtrigger.migrations.RemoveTrigger(
            model_name='ikm',
            name='ikm_words',
        ),
        migrations.AddIndex(
            model_name='ikm',
            index=django.contrib.postgres.indexes.GinIndex(registry.models.ikms.AreaCodes('city'), registry.models.ikms.NameWords(), name='ikm_area_words_idx'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='ikm',
            trigger=pgtrigger.compiler.Trigger(name='ikm_words', sql=pgtrigger.compiler.UpsertTriggerSql(func="IF TG_OP = 'UPDATE' THEN DELETE FROM registry_ikmword WHERE ikm_id = NEW.id; END IF; INSERT INTO registry_ikmword (ikm_id, word, city, name) SELECT NEW.id, word, NEW.city_id, NEW.name FROM (SELECT DISTINCT word FROM regexp_split_to_table(lower(NEW.name || ' ' || NEW.owner_name), '[^[:alnum:]]+') word WHERE word <> '') words; INSERT INTO registry_nameword (word) SELECT word FROM (SELECT DISTINCT word FROM regexp_split_to_table(lower(NEW.name || ' ' || NEW.owner_name), '[^[:alnum:]]+') word WHERE word <> '') words ON CONFLICT DO NOTHING; RETURN NULL;", hash='746abebe70e5955532e06e9d2968bc6d68843faa', operation='INSERT OR UPDATE OF "name", "owner_name", "city_id"', pgid='pgtrigger_ikm_words_4a392', table='registry_ikm', when='AFTER')),
        ),
        migrations.AddIndex(
            model_name='nameword',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass('word', name='gin_trgm_ops'), fastupdate=False, name='nameword_trgm_idx'),
        ),
    ]
