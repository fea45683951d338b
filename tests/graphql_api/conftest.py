"""Fixtures shared by the gateway's tests (the whole suite's are in ``tests/conftest.py``)."""

import pytest

from tests.factories import SpecialIssuePageFactory, publish


@pytest.fixture
def issue(journal):
    """A published special issue "Exosomes" (slug ``exosomes``) in the journal ``cdr``.

    Modules that need a fuller issue define their own ``issue``.
    """
    return publish(SpecialIssuePageFactory(parent=journal, title="Exosomes", slug="exosomes"))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): …`` runs the block's on-commit callbacks, as the commit of a
    real request would (cache invalidation, webhooks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
