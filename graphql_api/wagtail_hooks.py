"""Adds the gateway's root queries to Grapple's schema, guards Grapple's own, and shows
the webhook outbox in the admin."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from graphql_api.models import WebhookDelivery
from graphql_api.queries.grapple_guards import GrappleGuardsQuery
from graphql_api.queries.journals import JournalsQuery
from graphql_api.queries.keywords import KeywordsQuery
from graphql_api.queries.people import PeopleQuery
from graphql_api.queries.special_issues import SpecialIssuesQuery


# Runs after Grapple's own hook (order 0), whatever the order of INSTALLED_APPS.
@hooks.register("register_schema_query", order=100)
def register_gateway_queries(query_mixins: list) -> None:
    query_mixins += [SpecialIssuesQuery, JournalsQuery, PeopleQuery, KeywordsQuery]
    # First in the bases, so its resolvers take precedence over Grapple's.
    query_mixins.insert(0, GrappleGuardsQuery)


class NoManualDeliveries(ModelPermissionPolicy):
    """Deliveries are written by the system; staff may inspect, retry or delete them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class WebhookDeliveryViewSet(ModelViewSet):
    """Settings → Webhook deliveries: what was sent to the frontend, and what is pending.

    To retry a failed delivery now, edit it: set the status back to Pending.
    """

    model = WebhookDelivery
    icon = "resubmit"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["event", "endpoint", "status", "attempts", "created_at", "next_attempt_at"]
    list_filter = ["status", "event"]
    form_fields = ["status", "next_attempt_at"]


register_permission_policy(WebhookDelivery, NoManualDeliveries(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_webhook_deliveries():
    return WebhookDeliveryViewSet("webhook_deliveries")
