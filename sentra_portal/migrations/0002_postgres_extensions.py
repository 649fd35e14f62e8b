from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for typo-tolerant search; btree_gist for exclusion constraints."""

    dependencies = [("sentra_portal", "0001_initial")]

    operations = [TrigramExtension(), BtreeGistExtension()]
