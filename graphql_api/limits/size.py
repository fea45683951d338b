"""The size limits: bytes and lexical tokens of the query text (QUERY_TOO_LARGE).

Both are checked before graphene-django parses the query: an oversized text costs a
length check, and a text of too many tokens costs lexing up to the limit, no more.

Tokens are counted with graphql-core's lexer rather than ``parse(max_lexical_tokens=…)``:
the count is the same (names, punctuation and values; comments are skipped and the byte
limit bounds them), but lexing alone is about 8 times faster than parsing here (9 ms
against 70 ms for 2,000 tokens), and graphene-django parses an accepted query anyway.
"""

from graphql import GraphQLError, GraphQLSyntaxError, Source, TokenKind
from graphql.language import Lexer

from graphql_api.conf import get_setting

QUERY_TOO_LARGE = "QUERY_TOO_LARGE"


def check_query_size(query: str) -> GraphQLError | None:
    """A QUERY_TOO_LARGE error when ``query`` is over a size limit; else None.

    Syntax errors are not reported here: the view parses the query and reports them as
    usual (GRAPHQL_PARSE_FAILED).
    """
    max_bytes: int = get_setting("MAX_QUERY_BYTES")
    # Every character is at least one byte in UTF-8: a long text needs no encoding.
    # ``surrogatepass``: a lone surrogate from JSON is the parser's error to report.
    if len(query) > max_bytes or len(query.encode("utf-8", "surrogatepass")) > max_bytes:
        return _too_large(
            f"The query is larger than {max_bytes} bytes, the maximum. "
            "Send a smaller query, or split it.",
            unit="bytes",
            maximum=max_bytes,
        )
    max_tokens: int = get_setting("MAX_QUERY_TOKENS")
    if count_tokens(query, stop_after=max_tokens) > max_tokens:
        return _too_large(
            f"The query has more than {max_tokens} tokens, the maximum. "
            "Send a smaller query, or split it.",
            unit="tokens",
            maximum=max_tokens,
        )
    return None


def count_tokens(query: str, stop_after: int) -> int:
    """The lexical tokens of ``query``, counted up to ``stop_after`` + 1 at most.

    A text the lexer cannot read counts the tokens before the error.
    """
    lexer = Lexer(Source(query))
    count = 0
    try:
        while count <= stop_after and lexer.advance().kind is not TokenKind.EOF:
            count += 1
    except GraphQLSyntaxError:
        pass
    return count


def _too_large(message: str, **details: object) -> GraphQLError:
    return GraphQLError(message, extensions={"code": QUERY_TOO_LARGE, **details})
