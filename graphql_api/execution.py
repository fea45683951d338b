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

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Manager
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
from grapple.types.rich_text import RichText as RichTextType
from wagtail.fields import RichTextField

from graphql_api.guards.visibility import GUARDS

# The attribute on a schema naming the middleware installed on it.
INSTALLED = "_graphql_api_field_middleware"
# The attribute on a schema telling that ``install_plain_resolvers`` ran.
PLAIN_RESOLVERS = "_graphql_api_plain_resolvers"


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


def _grapple_field(resolve: Any) -> Any:
    """The Grapple field (``GraphQLString("title")``, …) whose resolver ``resolve`` is, or
    None for any other resolver.

    Grapple resolves every field a model declares in ``graphql_fields`` with the closure
    ``model_resolver(field).mixin``, bound to the node type.
    """
    function = getattr(resolve, "__func__", None)
    code = getattr(function, "__code__", None)
    if code is None or function.__qualname__ != "model_resolver.<locals>.mixin":
        return None
    if function.__module__ != "grapple.actions" or "field" not in code.co_freevars:
        return None
    return function.__closure__[code.co_freevars.index("field")].cell_contents


def _reads_plainly(root: Any, source: str, rich_text_type: bool) -> bool:
    """Whether Grapple's resolver returns ``getattr(root, source)`` as it is for this
    kind of root: not a related manager (``.all()``), a method (called) or a rich text
    column (rendered); the decisions Grapple's ``mixin`` takes on every call."""
    value = getattr(root, source)
    if isinstance(value, Manager) or callable(value):
        return False
    if rich_text_type:
        return True  # GraphQLRichText: the type renders the value
    try:
        column = root._meta.get_field(source)
    except (AttributeError, FieldDoesNotExist):
        return True
    return type(column) is not RichTextField


def _plain_resolver(grapple_resolve: Any, field: Any) -> Any:
    source = field.field_source
    rich_text_type = field.field_type is RichTextType
    plain_for: dict[type, bool] = {}

    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        plain = plain_for.get(type(root))
        if plain is None:
            plain = plain_for[type(root)] = _reads_plainly(root, source, rich_text_type)
        if plain and not kwargs:
            return getattr(root, source)
        return grapple_resolve(root, info, **kwargs)

    return resolve


def install_plain_resolvers(schema: GraphQLSchema) -> None:
    """Resolve Grapple's model fields that read an attribute as it is with ``getattr``.

    Grapple's resolver asks, on every call, whether the value is a related manager, a
    method or rich text, looking the model field up (an exception for each property).
    For a 100-card listing that is some 1,600 calls; the answer only depends on the kind
    of object, so it is decided once per type and field, and anything else (a manager,
    a method, rich text, a field with arguments) still goes to Grapple's resolver.
    Idempotent; a resolver that is not Grapple's (a newer Grapple) is left alone.
    """
    if getattr(schema, PLAIN_RESOLVERS, False):
        return
    for named_type in schema.type_map.values():
        if not isinstance(named_type, GraphQLObjectType) or named_type.name.startswith("__"):
            continue
        for field in named_type.fields.values():
            grapple_field = _grapple_field(field.resolve)
            if grapple_field is not None and not field.args:
                field.resolve = _plain_resolver(field.resolve, grapple_field)
    setattr(schema, PLAIN_RESOLVERS, True)


def install_field_middleware(schema: GraphQLSchema, middleware: list[Any]) -> None:
    """Wrap, once, the resolvers of the fields ``middleware`` can act on (``acts_on``).

    Idempotent for the same middleware; a different list on the same schema is a
    configuration error (fields would be guarded twice, or not at all). Grapple's plain
    resolvers are installed first (``install_plain_resolvers``), so the middleware wraps
    them.
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
    install_plain_resolvers(schema)
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
