"""Two plurals joined the lemma table (قبوض → قبض, وسایط → واسطه): the services whose title or keywords
use them are indexed again, and only those."""

from django.db import migrations

NEW_PLURALS = {"قبوض", "وسایط"}


def reindex_new_plurals(apps, schema_editor):  # type: ignore[no-untyped-def]
    from panjereh.catalog.search.index import index_services
    from panjereh.persian import normalize

    rows = apps.get_model("catalog", "Service").objects.values_list("id", "title", "keywords")
    ids = [pk for pk, title, keywords in rows if NEW_PLURALS & set(normalize(" ".join([title, *keywords])).split())]
    if ids:
        index_services(ids)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_index_lemmas")]

    operations = [migrations.RunPython(reindex_new_plurals, migrations.RunPython.noop)]
