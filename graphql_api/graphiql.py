"""Offline GraphiQL page for the Special Issues CMS GraphQL API.

Unlike the stock Grapple / graphene-django GraphiQL templates, this page loads
React, ReactDOM and GraphiQL from vendored static files
(``graphql_api/static/graphql_api/graphiql/``), so it works without any CDN.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

TEMPLATE_NAME = "graphql_api/graphiql.html"

DEFAULT_QUERY = (
    "{ specialIssues(status: OPEN) { total items { title slug status submissionDeadline } } }"
)


@require_safe
@ensure_csrf_cookie
def graphiql_view(request: HttpRequest) -> HttpResponse:
    """Render the in-browser GraphiQL IDE for the ``graphql`` endpoint.

    A developer opening this page sees the GraphiQL IDE titled
    "Special Issues CMS — GraphiQL": a query editor pre-filled with
    an open-calls listing query (unless
    GraphiQL restored an earlier session from the browser's localStorage),
    a results pane, a variables/headers editor, and the schema documentation
    explorer. Pressing the run button POSTs the query as JSON to the URL named
    ``"graphql"``, sending the ``X-CSRFToken`` header from the ``csrftoken``
    cookie (which this view makes sure is set). All JavaScript and CSS is
    served from this project's static files, so the page works offline.
    """
    context = {
        "endpoint_url": reverse("graphql"),
        "default_query": DEFAULT_QUERY,
    }
    return render(request, TEMPLATE_NAME, context)
