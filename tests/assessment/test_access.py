"""Every assessment URL checks who asks: the owner only; others get 404, anonymous the log-in page."""

import pytest
from django.urls import reverse

from tests.assessment.conftest import answer_all

pytestmark = pytest.mark.django_db

OWN_PAGES = ["resume", "step", "review", "result", "result-pdf", "result-json"]


def url(name, attempt):
    return reverse(f"assessment:{name}", args=[attempt.pk, 0] if name == "step" else [attempt.pk])


@pytest.fixture
def submitted(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt)
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    client.logout()
    attempt.refresh_from_db()
    return attempt


@pytest.mark.parametrize("name", [*OWN_PAGES, "submit"])
def test_another_candidate_gets_404(client, other_candidate, trainer, submitted, name):
    for user in (other_candidate, trainer):
        client.force_login(user)
        response = client.post(url(name, submitted)) if name == "submit" else client.get(url(name, submitted))
        assert response.status_code == 404


@pytest.mark.parametrize("name", [*OWN_PAGES, "submit"])
def test_anonymous_is_sent_to_log_in(client, submitted, name):
    response = client.post(url(name, submitted)) if name == "submit" else client.get(url(name, submitted))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["dashboard", "start"])
def test_anonymous_is_sent_to_log_in_from_the_lists(client, name):
    response = client.get(reverse(f"assessment:{name}"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_wrong_methods(client, candidate, submitted):
    client.force_login(candidate)
    assert client.get(reverse("assessment:start")).status_code == 405
    assert client.get(reverse("assessment:submit", args=[submitted.pk])).status_code == 405
    assert client.post(reverse("assessment:result", args=[submitted.pk])).status_code == 405
    assert client.post(reverse("assessment:dashboard")).status_code == 405


def test_the_owner_sees_every_page(client, candidate, submitted):
    client.force_login(candidate)
    for name in ["result", "result-pdf", "result-json"]:
        assert client.get(url(name, submitted)).status_code == 200
    assert client.get(reverse("assessment:dashboard")).status_code == 200


def test_the_dashboard_lists_only_my_attempts(client, candidate, other_candidate, submitted):
    client.force_login(other_candidate)
    assert client.get(reverse("assessment:dashboard")).context["attempts"] == []
