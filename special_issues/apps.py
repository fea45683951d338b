"""App configuration for the special issues content model."""

from django.apps import AppConfig


class SpecialIssuesConfig(AppConfig):
    """Journals, their special issues, guest editors and reusable marketing snippets."""

    name = "special_issues"
    label = "special_issues"
    verbose_name = "Special issues"
    default_auto_field = "django.db.models.BigAutoField"
