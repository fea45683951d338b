"""Admin registration: people and reusable content as snippets with their own menu items."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from special_issues.models import Person, ReusableContent


class PersonViewSet(SnippetViewSet):
    """People (guest editors and contacts), searchable by name, institution and ORCID."""

    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["display_name", "institution", "country", "orcid"]
    search_fields = ["name", "institution", "department", "orcid"]


class ReusableContentViewSet(SnippetViewSet):
    """Marketing's reusable calls to action, notices and boilerplate."""

    model = ReusableContent
    icon = "snippet"
    menu_label = "Reusable content"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "live"]
    list_filter = ["kind", "live"]


register_snippet(PersonViewSet)
register_snippet(ReusableContentViewSet)
