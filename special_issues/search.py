"""What a reader types into a search box, as a query every search backend accepts."""

from wagtail.search.query import SearchQuery
from wagtail.search.utils import parse_query_string


def search_query(text: str) -> SearchQuery:
    """Words to find all of; text in double quotes is a phrase ("extracellular vesicles").

    Handing the text to the backend as it is failed on SQLite for an unbalanced quote
    (its full-text syntax refuses `say "hello`); here such a quote opens a phrase that
    ends with the text. A colon is an ordinary character: Wagtail's parser would read
    `covid:19` as a filter on a field named "covid" and search for nothing.
    """
    _, query = parse_query_string(text.replace(":", " "), operator="and")
    return query
