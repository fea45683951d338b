"""An index on each page's parent path, for listing the issues the public may see.

``special_issues.visibility.public_children`` checks an issue's parent path
(``SUBSTR(path, 1, LENGTH(path) - 4)``) against the public journals' paths. Without
statistics on that expression, PostgreSQL guessed that almost no page matches and
planned per-row index probes: at 10,000 issues, counting the 6,000 open calls took
47 ms and fetching the first 20 of them 46 ms; with this index, 7 ms and 3 ms
(ANALYZE gathers statistics on an indexed expression). The expression must be the one
Django writes for ``parent_path()``, so it is built from the same functions; 4 is
Treebeard's ``Page.steplen``.

The index is on Wagtail's page table, which this app does not own, so it is created
and dropped here rather than declared on a model.
"""

from django.db import migrations, models
from django.db.models.functions import Length, Substr

INDEX = models.Index(Substr("path", 1, Length("path") - 4), name="special_issues_parent_path")


def create_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("wagtailcore", "Page"), INDEX)


def drop_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("wagtailcore", "Page"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("special_issues", "0008_index_combined_search_vector"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
