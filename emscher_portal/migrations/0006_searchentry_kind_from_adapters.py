# The kinds of search hits are declared by the apps' adapters (core.search.registry), no longer as choices here.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("emscher_portal", "0005_search_vocabulary_and_storage"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(max_length=32, verbose_name="Art"),
        ),
    ]
