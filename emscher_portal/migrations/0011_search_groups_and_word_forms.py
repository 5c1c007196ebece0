# Site search, third step: parts and groups of hits, and German word forms the `german` stemmer misses.
#
# Postgres only (skipped on SQLite): `emscher_search_fold(text)` writes the umlaut transcriptions ae, oe, ue as
# ä, ö, ü before the stemmer sees a word, so that „Gruendach“ and „Gründach“ (and „Ueberflutung“, „Überflutung“)
# become the same lexeme; the stemmer itself already folds ß into ss („Massnahme“ = „Maßnahme“). „ue“ after q, a or e
# stays („Quelle“, „Bauer“, „neue“). The index (`core.search.indexing`) and every query (`core.search.query`) apply
# it, so both sides agree; a word the rule folds wrongly („aktuell“) is folded the same way on both sides and still
# found. It is plain SQL: nothing to install into Postgres's share directory. After this migration the vectors
# are rebuilt with `manage.py rebuild_search_index`.

import django.db.models.deletion
from django.db import migrations, models

FOLD_FUNCTION = r"""
CREATE OR REPLACE FUNCTION emscher_search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT regexp_replace(regexp_replace(regexp_replace(value,
        'ae', 'ä', 'gi'),
        'oe', 'ö', 'gi'),
        '(?<![qae])ue', 'ü', 'gi')
$$
"""


def postgres_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FOLD_FUNCTION)


def postgres_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS emscher_search_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("emscher_portal", "0010_historicalsiteoperator"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="group_key",
            field=models.CharField(
                blank=True,
                help_text="Treffer derselben Art und Gruppe erscheinen als einer.",
                max_length=300,
                verbose_name="Gruppe",
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="parent_title",
            field=models.CharField(blank=True, max_length=300, verbose_name="Titel des übergeordneten Inhalts"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="parent_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="ID des übergeordneten Inhalts"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="parent_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="Inhaltstyp des übergeordneten Inhalts",
            ),
        ),
        migrations.RunPython(postgres_forwards, postgres_backwards),
    ]
