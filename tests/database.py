"""Helpers for tests that flush the database (live-server and transactional tests)."""

import pytest


def flushes_database(item: pytest.Item) -> bool:
    """Whether the test runs in a transaction-less database that is flushed afterwards (a
    live server, ``transactional_db``, or ``django_db(transaction=True)``)."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "live_server" in names
        or "transactional_db" in names
        or (marker is not None and bool(marker.kwargs.get("transaction")))
    )


def restore_migrated_data(config: pytest.Config) -> None:
    """Put back the rows the migrations created, after a flush emptied every table.

    ``serialized_rollback`` restores Wagtail's root page, default site, root collection
    and groups only when the *next* transactional test starts; the ordinary tests that
    run in between expect them too.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()
