import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("raw, expected", [("true", True), ("False", False), ("1", True), ("no", False), ("", True)])
def test_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("DJANGO_DEBUG", raw)
    assert env.get_bool("DJANGO_DEBUG", True) is expected


def test_a_malformed_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='maybe' is not valid"):
        env.get_bool("DJANGO_DEBUG", True)


def test_allowed_hosts(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "kafaa.ma, .kafaa.ma,127.0.0.1:8000")
    assert env.get_hosts("DJANGO_ALLOWED_HOSTS", []) == ["kafaa.ma", ".kafaa.ma", "127.0.0.1:8000"]
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "kafaa.ma,,https://x")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        env.get_hosts("DJANGO_ALLOWED_HOSTS", [])


def test_database_urls(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kafaa")
    config = env.get_database("DATABASE_URL", "sqlite:///x.sqlite3")
    assert (config["ENGINE"], config["NAME"], config["HOST"], config["PORT"]) == (
        "django.db.backends.postgresql",
        "kafaa",
        "127.0.0.1",
        5432,
    )
    monkeypatch.delenv("DATABASE_URL")
    assert env.get_database("DATABASE_URL", "sqlite:////tmp/x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.parametrize("raw", ["mysql://root@localhost/x", "not a url", "postgres://127.0.0.1:5432/"])
def test_a_malformed_database_url_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("DATABASE_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL="):
        env.get_database("DATABASE_URL", "sqlite:///x.sqlite3")


def test_an_integer(monkeypatch):
    monkeypatch.setenv("DJANGO_EMAIL_PORT", "25x")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_EMAIL_PORT"):
        env.get_int("DJANGO_EMAIL_PORT", 587)


@pytest.mark.parametrize("raw", ["0", "-3"])
def test_an_integer_below_its_minimum_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("KAFAA_PURGE_UNFINISHED_DAYS", raw)
    with pytest.raises(ImproperlyConfigured, match="KAFAA_PURGE_UNFINISHED_DAYS=.* at least 1"):
        env.get_int("KAFAA_PURGE_UNFINISHED_DAYS", 180, minimum=1)
    monkeypatch.setenv("KAFAA_PURGE_UNFINISHED_DAYS", "1")
    assert env.get_int("KAFAA_PURGE_UNFINISHED_DAYS", 180, minimum=1) == 1


def test_start_up_refuses_a_purge_period_below_one_day():
    result = run_check(KAFAA_PURGE_UNFINISHED_DAYS="0")
    assert result.returncode != 0 and "KAFAA_PURGE_UNFINISHED_DAYS='0' is not valid" in result.stderr


def run_check(**variables):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_up_stops_on_a_malformed_value():
    result = run_check(DJANGO_DEBUG="yes please")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='yes please' is not valid" in result.stderr


def test_production_requires_a_secret_key():
    result = run_check(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_start():
    result = run_check(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="kafaa.ma")
    assert result.returncode == 0, result.stderr


def test_smtp_is_configured_from_variables():
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**environment, "DJANGO_EMAIL_HOST": "smtp.example.ma", "DJANGO_EMAIL_PORT": "2525"},
    )
    assert result.stdout.splitlines()[-1].split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.ma",
        "2525",
    ]


def test_a_database_url_error_hides_the_password(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://kafaa:s3cret-pw@db.example.com/kafaa")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL=") as error:
        env.get_database("DATABASE_URL", "sqlite:///x.sqlite3")
    assert "s3cret-pw" not in str(error.value) and "kafaa:***@db.example.com" in str(error.value)
    monkeypatch.setenv("DATABASE_URL", "postgres://kafaa:s3cret-pw@db.example.com:5432/")
    with pytest.raises(ImproperlyConfigured, match="names the database") as error:
        env.get_database("DATABASE_URL", "sqlite:///x.sqlite3")
    assert "s3cret-pw" not in str(error.value)


def test_an_integer_outside_its_bounds_names_the_variable(monkeypatch):
    monkeypatch.setenv("KAFAA_TEST_NUMBER", "-3")
    with pytest.raises(
        ImproperlyConfigured, match="KAFAA_TEST_NUMBER='-3' is not valid: expected a whole number of at least 2"
    ):
        env.get_int("KAFAA_TEST_NUMBER", 5, minimum=2)
    monkeypatch.setenv("KAFAA_TEST_NUMBER", "70000")
    with pytest.raises(ImproperlyConfigured, match="expected a whole number from 1 to 65535"):
        env.get_int("KAFAA_TEST_NUMBER", 587, minimum=1, maximum=65535)
    monkeypatch.setenv("KAFAA_TEST_NUMBER", "2")
    assert env.get_int("KAFAA_TEST_NUMBER", 5, minimum=2) == 2


def test_start_up_refuses_a_negative_privacy_floor():
    result = run_check(KAFAA_COHORT_PRIVACY_FLOOR="-3")
    assert result.returncode != 0
    assert "KAFAA_COHORT_PRIVACY_FLOOR='-3' is not valid: expected a whole number of at least 2" in result.stderr
