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
* ``install_plain_resolvers`` lets Grapple's model fields that only read an attribute
  do just that, and ``ExecutionContext`` reads such leaf fields (and graphene's
  attribute fields) off their parent object without building a resolve info for each;
  anything unusual takes graphql-core's full path.
"""

import inspect
from functools import partial
from types import CoroutineType, GeneratorType
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Manager
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver
from graphql import (
    ExecutionContext as GraphQLExecutionContext,
)
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    MiddlewareManager,
    Undefined,
    default_field_resolver,
)
from graphql.execution.execute import get_field_def
from grapple.types.rich_text import RichText as RichTextType
from wagtail.fields import RichTextField

from graphql_api.caching import TaggingMiddleware
from graphql_api.guards.arguments import ArgumentsMiddleware
from graphql_api.guards.order import OrderAllowListMiddleware
from graphql_api.guards.visibility import VisibilityMiddleware

# The gateway's middleware (``graphql_api.urls``), whose ``acts_on_field`` rules make up
# ``acts_on``.
GATEWAY_MIDDLEWARE = (
    TaggingMiddleware,
    VisibilityMiddleware,
    OrderAllowListMiddleware,
    ArgumentsMiddleware,
)
# The attribute on a schema naming the middleware installed on it.
INSTALLED = "_graphql_api_field_middleware"
# The attribute on a schema telling that ``install_plain_resolvers`` ran.
PLAIN_RESOLVERS = "_graphql_api_plain_resolvers"


def acts_on(
    schema: GraphQLSchema, parent: GraphQLObjectType, name: str, field: GraphQLField
) -> bool:
    """Whether any of the gateway's middleware can act on this field, by their own
    ``acts_on_field`` rules:

    * root fields: tagging notes every root list (``caching.TaggingMiddleware``);
    * fields with arguments: the argument and order checks (``guards.arguments``,
      ``guards.order``);
    * fields a visibility guard is declared for (``guards.visibility.GUARDS``, by name
      and parent type), whatever their type;
    * fields returning objects: tagging records pages, people and snippets.

    Only a field with none of these (an argument-less scalar or enum, or a list of them,
    on a non-root type) is resolved without the middleware: it can return nothing the
    middleware would look at. A middleware without ``acts_on_field`` (not the gateway's)
    is installed on exactly these fields.
    """
    return any(kind.acts_on_field(schema, parent, name, field) for kind in GATEWAY_MIDDLEWARE)


def _acts(item: Any, schema: GraphQLSchema, parent: GraphQLObjectType, name: str, field) -> bool:
    check = getattr(item, "acts_on_field", None)
    return check(schema, parent, name, field) if check else acts_on(schema, parent, name, field)


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

    def read(root: Any) -> Any:
        # For ``ExecutionContext``: the value, once this type is known to read plainly.
        if plain_for.get(type(root)) is True:
            return getattr(root, source)
        return NOT_READ

    resolve.read = read
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
    """Wrap, once, the resolver of each field with those of ``middleware`` that act on it
    (their ``acts_on_field``; ``acts_on`` for one without it).

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
    for named_type in schema.type_map.values():
        if not isinstance(named_type, GraphQLObjectType) or named_type.name.startswith("__"):
            continue
        for name, field in named_type.fields.items():
            # Only the middleware that can act on this very field (a guest editor's
            # ``person`` needs no argument or order check): each layer is a call per
            # resolved field.
            wanted = [item for item in middleware if _acts(item, schema, named_type, name, field)]
            if wanted:
                manager = MiddlewareManager(*wanted)
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


# Returned by a reader that cannot answer without the full resolution (``_leaf_reader``).
NOT_READ = object()
# The attribute on a ``GraphQLField`` holding (its resolver, its reader or None).
READER = "_graphql_api_leaf_reader"


def _leaf_reader(field: GraphQLField) -> tuple | None:
    """``(read, serialize, non_null)`` for a field whose value is an attribute of its
    parent object, read and serialized as it is: an argument-less scalar or enum whose
    resolver is graphene's attribute resolver or one of Grapple's plain model fields
    (``install_plain_resolvers``), with no middleware installed on it. None otherwise.
    """
    return_type = field.type
    non_null = isinstance(return_type, GraphQLNonNull)
    leaf = return_type.of_type if non_null else return_type
    if field.args or not isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
        return None
    resolve = field.resolve
    if (
        isinstance(resolve, partial)
        and resolve.func in (dict_or_attr_resolver, attr_resolver)
        and len(resolve.args) == 2
        and not resolve.keywords
    ):
        attname, default = resolve.args

        def read(root: Any) -> Any:
            if isinstance(root, dict):
                return root.get(attname, default)
            return getattr(root, attname, default)

        return read, leaf.serialize, non_null
    read = getattr(resolve, "read", None)
    if read is not None and getattr(read, "__module__", None) == __name__:
        return read, leaf.serialize, non_null
    return None


class ExecutionContext(GraphQLExecutionContext):
    """graphql-core's execution, with ``is_awaitable`` remembered per type, and leaf
    fields read straight off their parent object.

    Most fields of a listing are titles, dates and names: graphql-core builds a
    ``GraphQLResolveInfo``, reads the arguments and dispatches on the type for each,
    which cost more than reading the value. For a field ``_leaf_reader`` accepts, the
    value is read and serialized directly; anything unusual (null in a non-null field,
    an exception, a value the type cannot serialize, a Grapple field not yet known to be
    plain) goes the full way, which resolves again and reports it as graphql-core does.
    """

    is_awaitable = staticmethod(is_awaitable)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_nodes: list,
        path: Any,
    ) -> Any:
        field = get_field_def(self.schema, parent_type, field_nodes[0])
        if field is not None and self.middleware_manager is None:
            # Decided once per field, and again if its resolver was replaced since (the
            # gateway's middleware installed after another view ran the schema).
            resolve, reader = field.__dict__.get(READER, (None, None))
            if resolve is not field.resolve:
                reader = _leaf_reader(field)
                setattr(field, READER, (field.resolve, reader))
            if reader is not None:
                read, serialize, non_null = reader
                try:
                    value = read(source)
                    if value is None and not non_null:
                        return None
                    if value is not None and value is not NOT_READ:
                        serialized = serialize(value)
                        if serialized is not None and serialized is not Undefined:
                            return serialized
                except Exception:  # noqa: BLE001, S110 - the full path reports it
                    pass
        return super().execute_field(parent_type, source, field_nodes, path)
