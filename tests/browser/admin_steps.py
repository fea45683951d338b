"""Steps shared by the admin journeys: logging in and out, and asking GraphQL as the public.

The GraphQL requests go through ``urllib``, not the browser, so they carry no session
cookie: they see what an anonymous frontend sees, whoever is logged in to the admin.
"""

import json
import re
import urllib.request
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Locator, Page, expect

PASSWORD = "correct horse battery staple"  # noqa: S105 (a test user's password)


def make_user(username: str, *group_names: str, full_name: str = ""):
    """A non-superuser with ``PASSWORD``, in the named groups (which must exist)."""
    first_name, _, last_name = full_name.partition(" ")
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, first_name=first_name, last_name=last_name
    )
    user.groups.add(*[Group.objects.get(name=name) for name in group_names])
    return user


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the admin's login form and wait for the dashboard."""
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def log_out(page: Page, first_name: str) -> None:
    """Sign out from the sidebar's account menu (under the user's name); wait for the login."""
    page.get_by_role("button", name=first_name).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def replace_rich_text(page: Page, label: str, field_name: str, text: str) -> None:
    """Replace what the rich text field under the heading ``label`` says with ``text``.

    Draftail copies its content into the form's hidden input ``field_name`` 250 ms after
    the last keystroke (a debounced save); a form submitted sooner sends the old text.
    A person never clicks that fast, so the step waits until the form holds the text.
    """
    editor = page.get_by_role("region", name=label, exact=True).get_by_role("textbox")
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    expect(editor).to_have_text(text)
    expect(page.locator(f'input[name="{field_name}"]')).to_have_value(
        re.compile(re.escape(json.dumps(text)[1:-1]))
    )


def wait_for_animations(page: Page) -> None:
    """Wait until the admin's jQuery slide animations (a block sliding into the stream, its
    add buttons sliding down) have finished.

    A click that lands while a button is still sliding can miss it on a busy machine: CI
    once saw a list block's "Add" click insert nothing. A person waits for the form to stop
    moving before clicking; so does the step.
    """
    page.wait_for_function("() => !window.jQuery || window.jQuery(':animated').length === 0")


def open_menu(toggle: Locator, item: Locator, attempts: int = 3) -> None:
    """Click the dropdown ``toggle`` until its ``item`` shows.

    Wagtail's dropdowns answer clicks once their script has connected to the page; on a
    busy machine a click can land on the button before that, and the menu stays shut
    (CI once timed out waiting for the dashboard's "Approve"). A person clicks again.
    """
    for attempt in range(attempts):
        toggle.click()
        try:
            expect(item).to_be_visible(timeout=3000)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise


def graphql(base_url: str, query: str, variables: dict[str, Any] | None = None) -> dict:
    """POST ``query`` to ``/graphql/`` as an anonymous client; return the decoded answer."""
    payload = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(  # noqa: S310 (the live server's own http URL)
        f"{base_url}/graphql/",
        data=payload,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())
