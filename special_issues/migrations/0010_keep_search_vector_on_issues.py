"""PostgreSQL: each issue's search vector on its own row, GIN-indexed, filled from the index.

``special_issues.search_vector`` explains the column: listings filtered by a search check
it in the scan they make anyway, instead of probing Wagtail's index entries per issue.
It is filled here from Wagtail's index entries (the same vectors: title || body) and then
kept by the app whenever an issue is saved whole. Other databases search through
Wagtail's backend as before, so nothing is created there.
"""

from django.db import migrations

INDEX = "special_issues_search_vector_gin"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE special_issues_specialissuepage "
        "ADD COLUMN IF NOT EXISTS search_vector tsvector"
    )
    schema_editor.execute(
        "UPDATE special_issues_specialissuepage AS issue"
        " SET search_vector = entry.title || entry.body"
        " FROM wagtailsearch_indexentry AS entry, django_content_type AS type"
        " WHERE type.app_label = 'special_issues' AND type.model = 'specialissuepage'"
        " AND entry.content_type_id = type.id"
        " AND entry.object_id = issue.page_ptr_id::text"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON special_issues_specialissuepage "
        "USING gin (search_vector)"
    )


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE special_issues_specialissuepage DROP COLUMN IF EXISTS search_vector"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("special_issues", "0009_index_page_parent_path"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_column, drop_column)]
