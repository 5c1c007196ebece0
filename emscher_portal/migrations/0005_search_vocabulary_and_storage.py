# Site search, second step: the vocabulary for „Meinten Sie …?“, a small ranking vector, and a narrow heap.
#
# Postgres only (skipped on SQLite): a trigram index on the vocabulary, and storage settings that move every long
# value (text, vectors) out of the table's rows into TOAST, so that counting and ranking thousands of matches reads
# a few hundred small pages instead of the whole text (measured with bench/search_bench.py: 7,480 → 1,160 heap
# blocks for a term found in 10,000 documents). Only the small ranking vector stays in the row.

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES_FORWARDS = [
    "CREATE INDEX emscher_portal_searchterm_word_trgm ON emscher_portal_searchterm USING gin (word gin_trgm_ops)",
    "ALTER TABLE emscher_portal_searchentry SET (toast_tuple_target = 128)",
    "ALTER TABLE emscher_portal_searchentry ALTER COLUMN body SET STORAGE EXTERNAL, "
    "ALTER COLUMN summary SET STORAGE EXTERNAL, ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    # The small ranking vector stays in the row; its own index finds the title and summary hits to rank.
    "ALTER TABLE emscher_portal_searchentry ALTER COLUMN head_vector SET STORAGE MAIN",
    "CREATE INDEX emscher_portal_searchentry_head_gin ON emscher_portal_searchentry "
    "USING gin (head_vector) WHERE page = 0",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS emscher_portal_searchterm_word_trgm",
    "DROP INDEX IF EXISTS emscher_portal_searchentry_head_gin",
    "ALTER TABLE emscher_portal_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE emscher_portal_searchentry ALTER COLUMN body SET STORAGE EXTENDED, "
    "ALTER COLUMN summary SET STORAGE EXTENDED, ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def postgres_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARDS:
            schema_editor.execute(sql)


def postgres_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARDS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("emscher_portal", "0004_contentversion"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=40, unique=True, verbose_name="Wort")),
            ],
            options={
                "verbose_name": "Suchbegriff",
                "verbose_name_plural": "Suchbegriffe",
                "ordering": ["word"],
            },
        ),
        migrations.AddField(
            model_name="searchentry",
            name="head_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="Suchvektor Titel und Kurzbeschreibung"
            ),
        ),
        migrations.RunPython(postgres_forwards, postgres_backwards),
    ]
