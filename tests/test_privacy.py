"""Privacy: consent at sign-up, download of all one's data, account deletion, purge of unfinished attempts."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessment.models import Attempt, Membership, Validation
from assessment.services import create_cohort, join_cohort, start_attempt, submit_attempt
from profiles.models import Consent

pytestmark = pytest.mark.django_db
SIGNUP = {
    "username": "salma",
    "email": "s@example.ma",
    "password1": "gradient-descent-77",
    "password2": "gradient-descent-77",
}


def test_sign_up_shows_the_notice_and_needs_consent(client):
    page = client.get(reverse("signup"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your data, in short" in page and "law 09-08" in page and "180 days" in page
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 200 and not User.objects.exists()
    client.post(reverse("signup"), {**SIGNUP, "consent": "on"})
    consent = Consent.objects.get(user__username="salma")
    assert consent.notice and consent.accepted_at.date() == timezone.localdate()


@pytest.fixture
def busy_candidate(candidate, trainer, ml_version):
    cohort = create_cohort(trainer=trainer, name="Promo", framework=ml_version.framework, target_role="ml-engineer")
    membership = join_cohort(cohort=cohort, user=candidate)
    attempt = start_attempt(user=candidate, version=ml_version)
    attempt.ratings = {"python": 3}
    attempt.save()
    submit_attempt(attempt=attempt)
    membership.refresh_from_db()
    Validation.objects.create(membership=membership, attempt=membership.shared_attempt, competency="python", level=2,
                              comment="Bon travail", trainer=trainer)  # fmt: skip
    Consent.objects.create(user=candidate, notice="2026-11")
    return candidate


def test_a_candidate_downloads_all_their_data(client, busy_candidate):
    client.force_login(busy_candidate)
    data = json.loads(client.get(reverse("account-data")).content)
    assert (
        data["account"]["email"] == busy_candidate.email and data["account"]["privacy_consent"]["notice"] == "2026-11"
    )
    assert data["attempts"][0]["self_ratings"] == {"python": 3} and data["attempts"][0]["result"]
    assert data["cohorts"][0]["cohort"] == "Promo"
    assert data["trainer_comments"][0]["comment"] == "Bon travail"


def test_deleting_the_account_removes_the_personal_data(client, busy_candidate, password):
    client.force_login(busy_candidate)
    wrong = client.post(reverse("account-delete"), {"password": "nope"})
    assert wrong.status_code == 200 and User.objects.filter(pk=busy_candidate.pk).exists()
    response = client.post(reverse("account-delete"), {"password": password})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=busy_candidate.pk).exists()
    assert not Attempt.objects.exists() and not Membership.objects.exists() and not Validation.objects.exists()
    assert not Consent.objects.exists()


def test_account_pages_need_log_in(client):
    for name in ("account", "account-data", "account-delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_purge_deletes_only_old_unfinished_attempts(candidate, ml_version, capsys):
    old = start_attempt(user=candidate, version=ml_version)
    Attempt.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=200))
    done = Attempt.objects.create(
        user=candidate, version=ml_version, status="submitted", result={}, submitted_at=timezone.now()
    )
    Attempt.objects.filter(pk=done.pk).update(updated_at=timezone.now() - timedelta(days=400))
    call_command("purge_unfinished")
    assert list(Attempt.objects.values_list("pk", flat=True)) == [done.pk]
    assert "Deleted 1 unfinished attempt(s)" in capsys.readouterr().out
    recent = start_attempt(user=candidate, version=ml_version)
    call_command("purge_unfinished", "--days", "30")
    assert Attempt.objects.filter(pk=recent.pk).exists()
