"""Limits on what one request may ask, all checked before anything executes.

A request over a limit is answered 400 with an ``extensions.code`` and never reaches a
resolver, so it runs no SQL:

* size (``size.py``): bytes and lexical tokens of the query text, before parsing;
* batch (``batch.py``): operations in one JSON list, before parsing;
* depth, aliases, cost (``depth.py``, ``aliases.py``, ``cost.py``): validation rules.

The maxima are ``GRAPHQL_API`` settings (``graphql_api/conf.py``).
"""

from graphql import ASTValidationRule, specified_rules

from graphql_api.limits.aliases import TOO_MANY_ALIASES, MaxAliasesRule
from graphql_api.limits.batch import (
    BATCH_NOT_SUPPORTED,
    BATCH_TOO_LARGE,
    RequestRejected,
    check_batch_size,
    reject_json_list,
)
from graphql_api.limits.cost import QUERY_TOO_COSTLY, MaxCostRule
from graphql_api.limits.depth import QUERY_TOO_DEEP, MaxDepthRule
from graphql_api.limits.size import QUERY_TOO_LARGE, check_query_size

# graphql-core's validate() runs only the rules it is given: the specification's rules
# come first, so that an unknown field is still GRAPHQL_VALIDATION_FAILED.
VALIDATION_RULES: tuple[type[ASTValidationRule], ...] = (
    *specified_rules,
    MaxDepthRule,
    MaxAliasesRule,
    MaxCostRule,
)

__all__ = [
    "BATCH_NOT_SUPPORTED",
    "BATCH_TOO_LARGE",
    "QUERY_TOO_COSTLY",
    "QUERY_TOO_DEEP",
    "QUERY_TOO_LARGE",
    "TOO_MANY_ALIASES",
    "VALIDATION_RULES",
    "MaxAliasesRule",
    "MaxCostRule",
    "MaxDepthRule",
    "RequestRejected",
    "check_batch_size",
    "check_query_size",
    "reject_json_list",
]
