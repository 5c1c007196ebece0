# The site search's index table (emscher_portal.search). The GIN indexes are Postgres-only, so they are
# created here by hand instead of in Meta.indexes: the SQLite quick start must still migrate.

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

POSTGRES_INDEXES = [
    (
        "emscher_portal_searchentry_vector_gin",
        "CREATE INDEX emscher_portal_searchentry_vector_gin ON emscher_portal_searchentry "
        "USING gin (search_vector) WHERE page = 0",
    ),
]


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in POSTGRES_INDEXES:
        schema_editor.execute(sql)


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in POSTGRES_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("emscher_portal", "0002_contactmessage_legalpage_signlanguagevideo"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="Objekt-ID")),
                (
                    "page",
                    models.PositiveIntegerField(
                        default=0, help_text="0 für das Objekt, sonst PDF-Seite.", verbose_name="Seite"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("veranstaltung", "Veranstaltungen"),
                            ("programmpunkt", "Programmpunkte"),
                            ("workshop", "Workshops"),
                            ("netzwerk", "Netzwerke"),
                            ("mitglied", "Netzwerk-Mitglieder"),
                            ("massnahme", "Maßnahmenplan"),
                            ("dokument", "Dokumente"),
                        ],
                        max_length=32,
                        verbose_name="Art",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="Titel")),
                ("summary", models.TextField(blank=True, verbose_name="Kurzbeschreibung")),
                ("body", models.TextField(blank=True, verbose_name="Text")),
                ("url", models.CharField(max_length=500, verbose_name="Adresse")),
                ("date", models.DateField(blank=True, null=True, verbose_name="Datum")),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="Jahr")),
                ("date_text", models.CharField(blank=True, max_length=100, verbose_name="Datum (Anzeige)")),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True, verbose_name="Suchvektor"
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="Inhaltstyp",
                    ),
                ),
            ],
            options={
                "verbose_name": "Suchindex-Eintrag",
                "verbose_name_plural": "Suchindex-Einträge",
                "ordering": ["content_type", "object_id", "page"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "page"), name="emscher_portal_searchentry_unique_unit"
                    )
                ],
            },
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
    ]
