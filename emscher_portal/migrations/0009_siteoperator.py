# The operator's details as one row, edited in the admin (Impressum, footer, the imprint page of every PDF).

from django.db import migrations, models


def create_the_row(apps, schema_editor):
    # The one row exists from the start, empty: the Impressum says what is missing until the Redaktion fills it in.
    apps.get_model("emscher_portal", "SiteOperator").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("emscher_portal", "0008_history_schedule_preview"),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteOperator",
            fields=[
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="angelegt am")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="geändert am")),
                ("id", models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                (
                    "publisher",
                    models.CharField(
                        blank=True,
                        help_text="Unter welchem Namen das Portal erscheint, z. B. der Name der Initiative.",
                        max_length=200,
                        verbose_name="Herausgeber",
                    ),
                ),
                (
                    "legal_entity",
                    models.CharField(
                        blank=True,
                        help_text="Die Körperschaft oder Einrichtung, die das Portal betreibt, mit Rechtsform.",
                        max_length=300,
                        verbose_name="Rechtsträger",
                    ),
                ),
                (
                    "represented_by",
                    models.CharField(
                        blank=True,
                        help_text="Wer den Rechtsträger vertreten darf, mit Funktion.",
                        max_length=300,
                        verbose_name="Vertreten durch",
                    ),
                ),
                (
                    "address",
                    models.TextField(
                        blank=True,
                        help_text="Straße und Hausnummer, Postleitzahl und Ort; eine Angabe je Zeile.",
                        verbose_name="Anschrift",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="E-Mail-Adresse")),
                ("phone", models.CharField(blank=True, help_text="Freiwillig.", max_length=50, verbose_name="Telefon")),
                (
                    "content_responsible",
                    models.CharField(
                        blank=True,
                        help_text="Name der Person, die für die redaktionellen Inhalte verantwortlich ist.",
                        max_length=200,
                        verbose_name="Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)",
                    ),
                ),
                (
                    "content_responsible_address",
                    models.TextField(
                        blank=True,
                        help_text="Leer lassen, wenn es die Anschrift des Rechtsträgers ist.",
                        verbose_name="Anschrift der verantwortlichen Person",
                    ),
                ),
                (
                    "data_protection_officer",
                    models.TextField(
                        blank=True,
                        help_text="Kontakt für Fragen zum Datenschutz; die Datenschutzerklärung nennt ihn.",
                        verbose_name="Datenschutzbeauftragte oder Datenschutzbeauftragter",
                    ),
                ),
                (
                    "supervisory_authority",
                    models.TextField(
                        blank=True,
                        help_text="Nur, wenn für den Rechtsträger eine Aufsichtsbehörde zuständig ist: Name und Anschrift.",
                        verbose_name="Aufsichtsbehörde",
                    ),
                ),
                (
                    "licence",
                    models.CharField(
                        blank=True,
                        help_text="Zum Beispiel „CC BY 4.0“. Leer bedeutet: alle Rechte vorbehalten.",
                        max_length=200,
                        verbose_name="Lizenz der Inhalte",
                    ),
                ),
            ],
            options={
                "verbose_name": "Betreiberangaben",
                "verbose_name_plural": "Betreiberangaben",
                "ordering": ["pk"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="emscher_portal_siteoperator_single_row")
                ],
            },
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
