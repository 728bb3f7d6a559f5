"""Privacy: consent at sign-up, download of all one's data, account deletion, purge of unfinished attempts."""

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from assessment.models import Attempt, Membership, Validation
from assessment.services import create_cohort, join_cohort, start_attempt, submit_attempt
from profiles.forms import SignupForm
from profiles.models import CheckItem, Consent

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
    assert "Failed log-in attempts (the username typed and the network address) are kept for 15 minutes" in page
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


def test_sign_up_writes_the_account_and_its_consent_or_nothing(monkeypatch):
    def fail(**kwargs):
        raise IntegrityError("consent refused")

    monkeypatch.setattr(Consent.objects, "create", fail)
    form = SignupForm({**SIGNUP, "consent": "on"})
    assert form.is_valid()
    with pytest.raises(IntegrityError):
        form.save()
    assert not User.objects.exists() and not Consent.objects.exists()


def test_log_in_records_keep_only_failures_and_go_with_the_account(client, busy_candidate, password):
    client.post(reverse("login"), {"username": busy_candidate.username, "password": password})
    assert not AccessLog.objects.exists()  # AXES_DISABLE_ACCESS_LOG: successful log-ins are not recorded
    client.logout()
    client.post(reverse("login"), {"username": busy_candidate.username, "password": "wrong"})
    AccessLog.objects.create(username=busy_candidate.username, ip_address="10.0.0.1", user_agent="kept from before")
    AccessAttempt.objects.create(username="someone-else", ip_address="10.0.0.2", failures_since_start=1)
    assert AccessAttempt.objects.filter(username=busy_candidate.username).exists()
    client.force_login(busy_candidate)
    client.post(reverse("account-delete"), {"password": password})
    assert not AccessAttempt.objects.filter(username=busy_candidate.username).exists()
    assert not AccessLog.objects.exists()
    assert AccessAttempt.objects.filter(username="someone-else").exists()


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
    assert "1 évaluation inachevée, non enregistrée depuis le" in capsys.readouterr().out
    recent = start_attempt(user=candidate, version=ml_version)
    call_command("purge_unfinished", "--days", "30")
    assert Attempt.objects.filter(pk=recent.pk).exists()


def test_the_notice_names_the_lock_out_period_in_french(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    page = client.get(reverse("signup"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Les tentatives de connexion échouées" in page and "conservées 30 minutes" in page


def aged_attempt(user, version, days):
    attempt = start_attempt(user=user, version=version)
    Attempt.objects.filter(pk=attempt.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return attempt


def test_purge_days_move_the_cutoff(candidate, ml_version):
    attempt = aged_attempt(candidate, ml_version, 40)
    call_command("purge_unfinished", "--days", "60")
    assert Attempt.objects.filter(pk=attempt.pk).exists()
    call_command("purge_unfinished", "--days", "30")
    assert not Attempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.parametrize("days", ["0", "-1"])
def test_purge_refuses_less_than_a_day(candidate, ml_version, settings, days):
    attempt = aged_attempt(candidate, ml_version, 0)
    with pytest.raises(CommandError, match="au moins 1"):  # in the site's language, French by default
        call_command("purge_unfinished", "--days", days)
    settings.KAFAA_PURGE_UNFINISHED_DAYS = int(days)
    with translation.override("en"), pytest.raises(CommandError, match="at least 1"):
        call_command("purge_unfinished")
    assert Attempt.objects.filter(pk=attempt.pk).exists()


def test_the_download_says_which_checks_were_asked_and_their_answers(client, candidate, ml_version):
    attempt = start_attempt(user=candidate, version=ml_version)
    client.force_login(candidate)
    step = reverse("assessment:step", args=[attempt.pk, 0])
    client.post(step, {"rate-python": "0", "rate-sql": "1", "rate-r": "0"})  # levels 1; 1 and 2 for sql
    client.post(reverse("assessment:step", args=[attempt.pk, 1]),
                {"check-python-1": "1", "check-sql-1": "-1", "check-sql-2": "0", "check-r-1": "0"})  # fmt: skip
    attempt.refresh_from_db()
    data = json.loads(client.get(reverse("account-data")).content)["attempts"][0]
    assert data["drawn_checks"] == attempt.drawn
    asked = {(q["competency"], q["level"]): q for q in data["questions_asked"]}
    assert set(asked) == {("python", 1), ("sql", 1), ("sql", 2), ("r", 1)}
    item = CheckItem.objects.get(pk=attempt.drawn["python"]["1"])
    python = asked["python", 1]
    assert python["check_id"] == item.pk and python["prompt"] == item.prompt and python["options"] == item.options
    assert python["chosen"] == 1 and python["chosen_text"] == item.options[1] and not python["dont_know"]
    assert "right_answer" not in python  # not while the attempt can still change: it would give the answers away
    assert asked["sql", 1]["dont_know"] and asked["sql", 1]["chosen_text"] is None
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    submitted = json.loads(client.get(reverse("account-data")).content)["attempts"][0]["questions_asked"]
    python = next(q for q in submitted if (q["competency"], q["level"]) == ("python", 1))
    assert python["right_answer"] == item.answer and python["right_answer_text"] == item.options[item.answer]
