"""App configuration for the special issues content model."""

from django.apps import AppConfig


class SpecialIssuesConfig(AppConfig):
    """Journals, their special issues, guest editors and reusable marketing snippets."""

    name = "special_issues"
    label = "special_issues"
    verbose_name = "Special issues"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the receivers that announce content changes (special_issues.signals).
        from special_issues import change_tracking  # noqa: F401
