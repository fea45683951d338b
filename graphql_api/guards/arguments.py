"""Arguments the database cannot take are the client's error, not the server's.

Every ``ID`` argument of the schema names a row by its integer primary key; Django turns
``page(id: "abc")`` or ``tag(id: "")`` into a ``ValueError`` and a 99-digit id into an
``OverflowError`` (SQLite), both server errors. PostgreSQL refuses any text containing
a NUL character, so ``specialIssue(slug: "a\\u0000")`` failed the same way there. This
middleware checks the arguments of every field before its resolver runs and answers
``BAD_USER_INPUT`` instead: an id must be a whole number that fits in 64 bits, and no
string may contain NUL.

A site given by host name (``page(site:)``, ``pages(site:)``, ``site(hostname:)``) may
carry a port after a colon; Grapple looked ``example.org:x`` up as port ``x`` and
failed. The port must be a number.

``searchQuery`` on a list Wagtail does not index (``sites``) raised a ``TypeError`` in
Grapple; it is refused the same way.

An explicit ``null`` for an argument that has a default (``journals(offset: null)``,
``pages(searchOperator: null)``) reached resolvers written for the default's type, and
failed there; it now means the default, as leaving the argument out does.
"""

import re
from functools import cache
from typing import Any

from graphql import (
    GraphQLID,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLResolveInfo,
    GraphQLSchema,
    Undefined,
)
from wagtail.search import index

from graphql_api.errors import bad_input
from graphql_api.guards.order import list_kind, list_model

NUMERIC_ID = re.compile(r"[0-9]{1,18}")
HOST_AND_PORT = re.compile(r"[^:]*(:[0-9]{1,5})?")
# Root arguments Grapple reads as "hostname" or "hostname:port".
HOST_ARGUMENTS = {("page", "site"), ("pages", "site"), ("site", "hostname")}


def _is_id(graphql_type: GraphQLInputType) -> bool:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type is GraphQLID


@cache
def _arguments(schema: GraphQLSchema, type_name: str, field_name: str) -> dict:
    """A field's arguments by Python name: (GraphQL name, whether it is an ``ID``)."""
    field = schema.get_type(type_name).fields[field_name]
    return {arg.out_name or name: (name, _is_id(arg.type)) for name, arg in field.args.items()}


@cache
def _defaults(schema: GraphQLSchema, type_name: str, field_name: str) -> dict[str, Any]:
    """A field's arguments that have a default (not null), by Python name."""
    field = schema.get_type(type_name).fields[field_name]
    return {
        arg.out_name or name: arg.default_value
        for name, arg in field.args.items()
        if arg.default_value is not Undefined and arg.default_value is not None
    }


def _values(value: Any):
    if isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    else:
        yield value


def check_host(info: GraphQLResolveInfo, args: dict[str, Any]) -> None:
    """Raise ``BAD_USER_INPUT`` for a site that is not "hostname" or "hostname:port"."""
    if info.parent_type is not info.schema.query_type:
        return
    for field, argument in HOST_ARGUMENTS:
        value = args.get(argument) if info.field_name == field else None
        if isinstance(value, str) and not HOST_AND_PORT.fullmatch(value):
            raise bad_input(
                f'{argument} must be a host name, optionally with ":port", not "{value}".',
                argument=argument,
            )


def check_searchable(info: GraphQLResolveInfo) -> None:
    """Raise ``BAD_USER_INPUT`` for ``searchQuery`` on a list of what is not indexed."""
    model = list_model(list_kind(info.return_type))
    if model is not None and not index.class_is_indexed(model):
        raise bad_input(f"{info.field_name} cannot be searched.", argument="searchQuery")


def check_arguments(info: GraphQLResolveInfo, args: dict[str, Any]) -> None:
    """Raise ``BAD_USER_INPUT`` for an id that is not a number or a string with NUL."""
    known = _arguments(info.schema, info.parent_type.name, info.field_name)
    for name, value in args.items():
        argument, is_id = known.get(name, (name, False))
        for item in _values(value):
            if isinstance(item, str) and "\x00" in item:
                raise bad_input(f"{argument} must not contain NUL characters.", argument=argument)
            if is_id and item is not None and not NUMERIC_ID.fullmatch(str(item)):
                raise bad_input(
                    f'{argument} must be a numeric id, not "{item}".', argument=argument
                )


class ArgumentsMiddleware:
    """Graphene middleware refusing ids and strings the database cannot take, and reading
    an explicit null as the argument's default."""

    @staticmethod
    def acts_on_field(schema, parent, name: str, field) -> bool:
        """Only fields that take arguments (``execution.install_field_middleware``)."""
        return bool(field.args)

    def resolve(self, next_, root, info: GraphQLResolveInfo, **args):
        if args:
            check_arguments(info, args)
            check_host(info, args)
            if args.get("search_query"):
                check_searchable(info)
            for name, default in _defaults(
                info.schema, info.parent_type.name, info.field_name
            ).items():
                if name in args and args[name] is None:
                    args[name] = default
        return next_(root, info, **args)
