"""Public non-GraphQL outputs of the special issues app: calendars and feeds."""

urlpatterns: list = []
