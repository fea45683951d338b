"""Root query for a person: a guest editor's profile and their published calls."""

import graphene
from graphql import GraphQLResolveInfo
from grapple.registry import registry

from graphql_api.errors import bad_input, not_found
from special_issues.models import Person


def person_type() -> type:
    return registry.snippets[Person]


class PeopleQuery:
    """Root field ``person``."""

    person = graphene.Field(
        person_type,
        id=graphene.ID(required=True),
        description=(
            "A person shown on a published page (guest editor or contact). People who "
            "appear on no published page are not found."
        ),
    )

    def resolve_person(self, info: GraphQLResolveInfo, id: str) -> Person:  # noqa: A002
        try:
            pk = int(id)
        except (TypeError, ValueError):
            raise bad_input(f'id must be a person id, not "{id}".', argument="id") from None
        person = Person.objects.filter(pk=pk).first()
        # Someone named only on drafts is not public yet: same answer as an unknown id.
        if person is None or not person.appears_publicly():
            raise not_found(f'No person with id "{id}" appears on a published page.')
        return person
