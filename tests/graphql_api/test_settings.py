"""Settings fail loudly: a typo in an app's settings dict, or a production deployment
without a real secret, explicit hosts and debug off, stops the site instead of running."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import graphql_api.conf
import special_issues.conf

REPO_ROOT = Path(__file__).resolve().parents[2]


# --- the apps' settings dicts --------------------------------------------------------


@pytest.mark.parametrize(
    ("conf", "setting_name", "typo", "known_key"),
    [
        pytest.param(graphql_api.conf, "GRAPHQL_API", "MAX_LIMT", "MAX_LIMIT", id="graphql-api"),
        pytest.param(
            special_issues.conf,
            "SPECIAL_ISSUES",
            "FRONTEND_BASE_ULR",
            "FRONTEND_BASE_URL",
            id="special-issues",
        ),
    ],
)
def test_unknown_key_is_refused_and_named(conf, setting_name, typo, known_key):
    with (
        override_settings(**{setting_name: {typo: 1}}),
        pytest.raises(ImproperlyConfigured) as caught,
    ):
        conf.get_setting(known_key)

    assert typo in str(caught.value)
    assert setting_name in str(caught.value)
    assert known_key in str(caught.value), "the message should list the keys that exist"


@pytest.mark.parametrize(
    ("conf", "setting_name", "key", "default", "override"),
    [
        pytest.param(graphql_api.conf, "GRAPHQL_API", "MAX_LIMIT", 100, 5, id="graphql-api"),
        pytest.param(
            special_issues.conf,
            "SPECIAL_ISSUES",
            "FRONTEND_BASE_URL",
            "http://localhost:3000",
            "https://journals.example.org",
            id="special-issues",
        ),
    ],
)
def test_host_value_wins_over_the_default(conf, setting_name, key, default, override):
    with override_settings(**{setting_name: {}}):
        assert conf.get_setting(key) == default
    with override_settings(**{setting_name: {key: override}}):
        assert conf.get_setting(key) == override


def test_lowered_max_limit_is_what_clients_are_told(gql):
    with override_settings(GRAPHQL_API={"MAX_LIMIT": 5}):
        status_code, body = gql("{ specialIssues(limit: 6) { total } }")

    assert status_code == 200
    assert body["errors"][0]["extensions"]["maximum"] == 5
    assert "between 0 and 5" in body["errors"][0]["message"]


# --- production settings --------------------------------------------------------------

CONTROLLED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE")
GOOD_KEY = secrets.token_urlsafe(50)  # 67 random characters


def start_production(**env: str) -> subprocess.CompletedProcess:
    """Run ``django.setup()`` under the production settings with exactly ``env`` set."""
    environment = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print('started', settings.DEBUG, settings.ALLOWED_HOSTS)"
    )
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        pytest.param({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="no-secret-key"),
        pytest.param(
            {"SECRET_KEY": "", "ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="empty-secret-key"
        ),
        pytest.param(
            {"SECRET_KEY": "short-secret", "ALLOWED_HOSTS": "example.org"},
            "SECRET_KEY",
            id="short-secret-key",
        ),
        pytest.param(
            {
                "SECRET_KEY": "dev-only-insecure-secret-key-do-not-use-in-production",
                "ALLOWED_HOSTS": "example.org",
            },
            "SECRET_KEY",
            id="dev-default-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": "a" * 60, "ALLOWED_HOSTS": "example.org"},
            "SECRET_KEY",
            id="repetitive-secret-key",
        ),
        pytest.param({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS", id="no-allowed-hosts"),
        pytest.param({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS", id="star"),
        pytest.param(
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org,*"},
            "ALLOWED_HOSTS",
            id="star-among-hosts",
        ),
        pytest.param(
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org", "DEBUG": "1"},
            "DEBUG",
            id="debug-1",
        ),
        pytest.param(
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org", "DEBUG": "true"},
            "DEBUG",
            id="debug-true",
        ),
        pytest.param(
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org", "CORS_ALLOWED_ORIGINS": "*"},
            "CORS",
            id="open-cors",
        ),
    ],
)
def test_production_refuses_to_start(env, complaint):
    result = start_production(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr.strip().splitlines()[-1]
    assert "started" not in result.stdout


def test_production_starts_with_a_random_key_and_explicit_hosts():
    result = start_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started False ['example.org']"
    assert GOOD_KEY not in result.stdout + result.stderr


def test_a_host_site_without_the_guarded_page_interface_fails_the_checks(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.GRAPPLE = {
        **settings.GRAPPLE,
        "PAGE_INTERFACE": "grapple.types.interfaces.PageInterface",
    }

    with pytest.raises(SystemCheckError, match=r"(?s)graphql_api\.E001.*PAGE_INTERFACE"):
        call_command("check")


def test_the_guarded_page_interface_passes_the_checks():
    from graphql_api.checks import check_page_interface

    assert check_page_interface(None) == []


def test_the_cached_answer_middleware_before_cors_is_reported(settings):
    from django.core.management import call_command

    middleware = [m for m in settings.MIDDLEWARE if not m.endswith("CachedAnswerMiddleware")]
    settings.MIDDLEWARE = ["graphql_api.middleware.CachedAnswerMiddleware", *middleware]
    out = io.StringIO()

    call_command("check", stderr=out, stdout=out)

    assert "graphql_api.W001" in out.getvalue()
    assert "corsheaders.middleware.CorsMiddleware" in out.getvalue()


def test_the_sites_middleware_order_passes_the_checks():
    from graphql_api.checks import check_middleware_order

    assert check_middleware_order(None) == []
