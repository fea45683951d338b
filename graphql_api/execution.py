"""How operations run: the gateway's middleware only where it acts, awaitables by type.

graphql-core calls every resolver of an operation through the middleware chain, and asks
of every value whether it is awaitable. A listing of 100 issue cards resolves some 2,000
fields, most of them a title, a date or a name; for those both were pure overhead (about
5 ms of such a 50 ms request, measured in process). Here:

* ``install_field_middleware`` wraps, once per schema, the resolver of each field one of
  the middleware can act on (``acts_on``), and no other. Fields are then resolved the
  same as when graphql-core wrapped all of them, and the guards also hold for any other
  view that executes the schema, with or without its own middleware.
* ``ExecutionContext`` asks whether a value is awaitable by its type, remembered: the
  endpoint runs synchronously and no resolver returns an awaitable, but should one ever
  do, it is still recognised (a coroutine, or any type with ``__await__``).
"""

import inspect
from types import CoroutineType, GeneratorType
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from graphql import (
    ExecutionContext as GraphQLExecutionContext,
)
from graphql import (
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    MiddlewareManager,
    default_field_resolver,
    get_named_type,
    is_leaf_type,
)

from graphql_api.guards.visibility import GUARDS

# The attribute on a schema naming the middleware installed on it.
INSTALLED = "_graphql_api_field_middleware"


def acts_on(
    schema: GraphQLSchema, parent: GraphQLObjectType, name: str, field: GraphQLField
) -> bool:
    """Whether any of the gateway's middleware can act on this field.

    * root fields: tagging notes every root list (``caching.TaggingMiddleware``);
    * fields with arguments: the argument and order checks (``guards.arguments``,
      ``guards.order``);
    * fields a visibility guard is declared for (``guards.visibility.GUARDS``, by name
      and parent type), whatever their type;
    * fields returning objects: tagging records pages, people and snippets, and the
      guards filter what they return.

    Only a field with none of these (an argument-less scalar or enum, or a list of them,
    on a non-root type) is resolved without the middleware: it can return nothing the
    middleware would look at.
    """
    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    if parent in roots or field.args:
        return True
    guarded_on = GUARDS.get(name, {})
    if parent.name in guarded_on or "*" in guarded_on:
        return True
    return not is_leaf_type(get_named_type(field.type))


def install_field_middleware(schema: GraphQLSchema, middleware: list[Any]) -> None:
    """Wrap, once, the resolvers of the fields ``middleware`` can act on (``acts_on``).

    Idempotent for the same middleware; a different list on the same schema is a
    configuration error (fields would be guarded twice, or not at all).
    """
    kinds = tuple(type(item) for item in middleware)
    installed = getattr(schema, INSTALLED, None)
    if installed is not None:
        if installed != kinds:
            raise ImproperlyConfigured(
                f"The GraphQL schema already runs the middleware {installed}; "
                f"a view cannot run {kinds} on it."
            )
        return
    manager = MiddlewareManager(*middleware)
    for named_type in schema.type_map.values():
        if not isinstance(named_type, GraphQLObjectType) or named_type.name.startswith("__"):
            continue
        for name, field in named_type.fields.items():
            if acts_on(schema, named_type, name, field):
                field.resolve = manager.get_field_resolver(field.resolve or default_field_resolver)
    setattr(schema, INSTALLED, kinds)


_awaitable_types: dict[type, bool] = {}


def is_awaitable(value: Any) -> bool:
    """graphql-core's ``is_awaitable``, decided once per type."""
    kind = type(value)
    known = _awaitable_types.get(kind)
    if known is not None:
        return known
    if kind is CoroutineType:
        return True
    if kind is GeneratorType:
        # An old-style generator coroutine: told by its code, not its type.
        return bool(value.gi_code.co_flags & inspect.CO_ITERABLE_COROUTINE)
    awaitable = hasattr(kind, "__await__")
    _awaitable_types[kind] = awaitable
    return awaitable


class ExecutionContext(GraphQLExecutionContext):
    """graphql-core's execution, with ``is_awaitable`` remembered per type."""

    is_awaitable = staticmethod(is_awaitable)
