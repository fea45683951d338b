"""Preview tokens: the admin's Preview hands the frontend a signed, expiring token.

wagtail-headless-preview stores the draft (``PagePreview``) and signs a token for it; the
frontend passes the token to ``specialIssue(token: …)``. Tokens older than
``GRAPHQL_API["PREVIEW_TOKEN_MAX_AGE"]`` seconds, forged tokens and tokens whose preview
was cleared all get an error with a code and no content.
"""

from django.core.signing import BadSignature, SignatureExpired
from django.http import HttpRequest
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from graphql_api.conf import get_setting
from graphql_api.errors import client_error

PREVIEW_TOKEN_INVALID = "PREVIEW_TOKEN_INVALID"  # noqa: S105 (an error code)
PREVIEW_TOKEN_EXPIRED = "PREVIEW_TOKEN_EXPIRED"  # noqa: S105 (an error code)


def mark_preview(request: HttpRequest) -> None:
    """Flag the response as a preview: it must never be stored by any cache."""
    request.is_graphql_preview = True


def page_from_preview_token(token: str, page_model: type[Page]) -> Page:
    """The draft page a valid preview token stands for, or a client error."""
    try:
        identifier = HeadlessPreviewMixin.get_preview_signer().unsign(
            token, max_age=get_setting("PREVIEW_TOKEN_MAX_AGE")
        )
    except SignatureExpired:
        raise client_error(
            "This preview link has expired. Click Preview in the admin again.",
            PREVIEW_TOKEN_EXPIRED,
        ) from None
    except BadSignature:
        raise client_error("This preview token is not valid.", PREVIEW_TOKEN_INVALID) from None

    preview = PagePreview.objects.filter(token=token).first()
    page = preview.as_page() if preview is not None else None
    if page is None or not isinstance(page, page_model):
        raise client_error(
            "This preview is no longer available. Click Preview in the admin again.",
            PREVIEW_TOKEN_INVALID,
        )
    if not page.path and identifier.startswith("parent_id="):
        # A page never saved has no tree position yet: remember the parent it will have.
        parent_id = identifier.split(";", 1)[0].removeprefix("parent_id=")
        page.preview_parent = Page.objects.filter(pk=parent_id).specific().first()
    return page
