"""Production settings, Content Security Policy, log-in throttling and password hashing."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def test_deploy_check_is_clean_with_production_variables():
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 10 + "production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="kafaa.ma",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_script_or_style():
    """CSP forbids them: scripts and styles come from static files only (the PDF report is not served as HTML)."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        if path.name == "report.html":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=\"", text) or "<style" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_repeated_failures_lock_the_account_for_a_while(client, candidate, password):
    for _ in range(5):
        client.post(reverse("login"), {"username": candidate.username, "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": candidate.username, "password": password}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert "logging in is paused for 15 minutes" in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated


def test_failures_from_one_address_lock_it_for_every_account(client, candidate, other_candidate, password):
    for i in range(5):
        client.post(reverse("login"), {"username": f"someone-{i}", "password": "wrong"}, REMOTE_ADDR="10.9.8.7")
    response = client.post(
        reverse("login"), {"username": other_candidate.username, "password": password}, REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 429
    other_address = client.post(
        reverse("login"), {"username": other_candidate.username, "password": password}, REMOTE_ADDR="10.1.1.1"
    )
    assert other_address.status_code == 302


def test_passwords_are_hashed_with_argon2(db):
    user = User.objects.create_user("hashed", password="correct-horse-battery-staple")
    assert user.password.startswith("argon2")


def test_password_rules_speak_french_and_english(client):
    data = {"username": "x", "email": "x@example.ma", "password1": "123", "password2": "123", "consent": "on"}
    french = client.post(reverse("signup"), data, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.post(reverse("signup"), data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ce mot de passe est trop court" in french and "This password is too short" in english


def test_log_out_and_state_changes_need_post(client, candidate):
    client.force_login(candidate)
    for name in ("logout", "assessment:start", "set_language"):
        assert client.get(reverse(name)).status_code in (302, 405)
    assert client.get("/").context["user"].is_authenticated


def test_cookies_are_http_only(client, candidate, password):
    response = client.post(reverse("login"), {"username": candidate.username, "password": password})
    assert response.cookies["sessionid"]["httponly"]
    client.get(reverse("signup"))
    assert client.cookies["csrftoken"]["httponly"]
