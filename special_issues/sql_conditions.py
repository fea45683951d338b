"""Conditions written out as SQL by their own ``as_sql``, for filters on hot paths.

Django builds and compiles such a condition as one node, instead of a tree of functions,
lookups and subquery querysets: the visibility rules cost 1.5 ms per query that way
(``special_issues.visibility``), a fifth of an uncached issue page.
"""

from django.db.models import BooleanField, Expression


class WrittenCondition(Expression):
    """A true/false condition over ``expressions``; the subclass's ``as_sql`` compiles
    them (resolved against the query, so columns name the query's own aliases) and writes
    the SQL around them."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, *expressions) -> None:
        super().__init__()
        self.expressions = list(expressions)

    def get_source_expressions(self) -> list:
        return self.expressions

    def set_source_expressions(self, expressions: list) -> None:
        self.expressions = list(expressions)
