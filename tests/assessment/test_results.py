"""The stored result: hand-computed on the small framework, shown on the result page, frozen."""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.content import content_for
from assessment.models import Attempt
from assessment.pages import percent
from assessment.results import build_result
from assessment.services import start_attempt, submit_attempt
from profiles.models import Competency
from profiles.services import import_framework
from tests.assessment.conftest import answer_all, text
from tests.frameworks import minimal

pytestmark = pytest.mark.django_db


def mini_attempt(candidate):
    """On the small framework: python 2 (one level short of 3), aws 2 (the cloud target met)."""
    attempt = start_attempt(user=candidate, version=import_framework(data=minimal(), publish=True))
    attempt.ratings = {"python": 2, "aws": 2}
    attempt.save()
    submit_attempt(attempt=attempt)
    return attempt


def without_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response))


@pytest.fixture
def mini_content(db):
    return content_for(import_framework(data=minimal(), publish=True))


def test_result_on_the_small_framework_by_hand(mini_content):
    ratings = {"python": 3, "aws": 2, "gcp": 1}
    checks = {"python": {1: True, 2: False, 3: True}, "aws": {1: True, 2: True, 3: False}}
    result = build_result(mini_content, ratings, checks, today=date(2026, 11, 25))
    levels = {c["code"]: (c["self"], c["verified"], c["flags"]) for c in result["competencies"]}
    # python: L = 1, a = min(3, 2) = 2; aws: s = 2 asks 1..3, L = 2, a = 2; gcp has no checks: a = s
    assert levels == {"python": (3, 2, []), "pytorch": (0, 0, []), "aws": (2, 2, []), "gcp": (1, 1, [])}
    roles = {r["code"]: r for r in result["roles"]}
    # engineer: (5·2 + 3·max(2, 1)) / (5·3 + 3·2) = 16/21
    assert roles["engineer"]["readiness"] == pytest.approx(16 / 21) and roles["engineer"]["band"] == "nearly"
    assert [(g["competencies"], g["gap"], g["short"]) for g in roles["engineer"]["gaps"]] == [(["python"], 5, 1)]
    # junior: python 2 for a target of 2: ready, the current fit; its next role is the engineer
    assert (result["current_fit"], result["next_roles"], result["target"]) == ("junior", ["engineer"], "engineer")
    # cloud-cert covers python at 0.5: 5·0.5 / 5; old-cert is retired
    assert [(p["code"], p["score"]) for p in result["plan"]] == [("cloud-cert", 0.5)]
    assert result["radar"] == [
        {"area": "code", "name": {"fr": "Code (fr)", "en": "Code"}, "level": 2, "target": 3},
        {"area": "cloud", "name": {"fr": "Cloud (fr)", "en": "Cloud"}, "level": 2, "target": 2},
    ]
    assert result["entry_profile"]["salary"]["min"] == 160000


def test_the_reason_sentence_in_both_languages(client, candidate, db):
    attempt = mini_attempt(candidate)
    client.force_login(candidate)
    url = reverse("assessment:result", args=[attempt.pk])
    # python s = 2 without answers: a = 2, one level short of 3 (gap 5); cloud met: 2.5 of 5 = 50 %
    assert "Addresses 50 % of your gap to Engineer: Python (1 level short)" in text(
        client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    )
    french = text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr"))
    assert "Couvre 50 % de votre écart au poste Engineer (fr) : Python (fr) (1 niveau de retard)" in french


def test_the_result_page_explains_the_result(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt, rating="3", option="-1")
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    page = text(client.get(reverse("assessment:result", args=[attempt.pk]), HTTP_ACCEPT_LANGUAGE="en"))
    attempt.refresh_from_db()
    entry = next(r for r in attempt.result["roles"] if r["code"] == "ml-engineer")
    assert f"{int(entry['readiness'] * 100 + 0.5)} %" in page
    for expected in (
        "Readiness for Machine Learning Engineer",
        "How is this computed?",
        "Your certification plan",
        "160,000 – 360,000 MAD gross per year",
        "Bac+5",
        "Skill by skill",
        "checks suggest a lower level",
        "Senior ML Engineer",
        "<svg viewBox",
    ):
        assert expected in page, expected
    # every answer "I don't know" at a rating of 3: L = 0, verified 1, flagged over (3 - 1 >= 2)
    python = next(c for c in attempt.result["competencies"] if c["code"] == "python")
    assert (python["self"], python["verified"], python["flags"]) == (3, 1, ["over"])


def test_editing_the_framework_later_never_changes_a_stored_result(client, candidate, attempt, ml_version):
    client.force_login(candidate)
    answer_all(client, attempt)
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    url = reverse("assessment:result", args=[attempt.pk])
    before = without_token(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    Competency.objects.filter(version=ml_version, code="python").update(name={"fr": "Serpent", "en": "Snake"})
    ml_version.roles.filter(code="ml-engineer").update(salary_max=999999)
    assert without_token(client.get(url, HTTP_ACCEPT_LANGUAGE="en")) == before


def test_a_retake_compares_with_the_previous_result(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt, rating="1")
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    client.post(reverse("assessment:start"))
    second = candidate.attempts.in_progress().get()
    answer_all(client, second, rating="3")
    client.post(reverse("assessment:submit", args=[second.pk]))
    page = client.get(reverse("assessment:result", args=[second.pk]), HTTP_ACCEPT_LANGUAGE="en")
    rows = {row["code"]: row["trend"] for row in page.context["competencies"]}
    assert rows["rigour"] == "up" and "up since last time" in text(page)
    assert {role["trend"] for role in page.context["roles"]} <= {"up", "same"}
    first_page = client.get(reverse("assessment:result", args=[attempt.pk]))
    assert {row["trend"] for row in first_page.context["competencies"]} == {None}  # nothing before the first
    assert len(page.context["history"]) == 2


def test_downloads_pdf_and_json(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt)
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    pdf = client.get(reverse("assessment:result-pdf", args=[attempt.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    data = json.loads(client.get(reverse("assessment:result-json", args=[attempt.pk])).content)
    attempt.refresh_from_db()
    assert data["self"] == attempt.ratings and data["checks"] == attempt.answers
    assert data["result"] == attempt.result and data["framework"] == "ml-engineer"


def test_the_candidate_picks_the_target_role_of_the_plan(client, candidate, db):
    attempt = mini_attempt(candidate)
    client.force_login(candidate)
    url = reverse("assessment:result", args=[attempt.pk])
    # senior: python target 4, level 2 -> gap 5·2 = 10; cloud-cert covers python at 0.5 -> 50 %
    page = text(client.get(url, {"target": "senior"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert "Addresses 50 % of your gap to Senior: Python (2 levels short)" in page
    assert '<option value="senior" selected>' in page
    stored = Attempt.objects.get(pk=attempt.pk).result
    assert stored["target"] == "engineer" and stored["plan"][0]["covered"][0]["short"] == 1  # nothing stored
    tampered = text(client.get(url, {"target": "astronaut"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert "Addresses 50 % of your gap to Engineer: Python (1 level short)" in tampered


@pytest.mark.parametrize("value, expected", [(0.285, 29), (0.575, 58), (43 / 55, 78), (0.5, 50), (0.0, 0), (1.0, 100)])
def test_percent_rounds_halves_up_as_by_hand(value, expected):
    assert percent(value) == expected


def test_a_stored_plan_leaves_out_a_certification_retired_since(client, candidate, ml_data):
    today = timezone.localdate()
    pmle = next(c for c in ml_data["certifications"] if c["code"] == "gcp-pmle")
    pmle["retires_on"] = (today - timedelta(days=1)).isoformat()
    attempt = start_attempt(user=candidate, version=import_framework(data=ml_data, publish=True))
    attempt.ratings = {"python": 4, "docker": 1}
    attempt.save()
    submit_attempt(attempt=attempt, today=today - timedelta(days=10))
    attempt.refresh_from_db()
    assert attempt.result["plan"][0]["code"] == "gcp-pmle"  # still valid on the day of the submit
    client.force_login(candidate)
    page = client.get(reverse("assessment:result", args=[attempt.pk]), HTTP_ACCEPT_LANGUAGE="en")
    codes = [pick["code"] for pick in page.context["plan"]]
    assert "gcp-pmle" not in codes and codes[0] == "aws-ml-engineer-associate"
    # gaps to ML Engineer sum to 167, aws-ml-engineer-associate covers 70.5 of them: 42 %
    assert page.context["plan"][0]["reason"].startswith("addresses 42 % of your gap to Machine Learning Engineer: ")
    assert pmle["url"] not in text(page)
    attempt.refresh_from_db()
    assert attempt.result["plan"][0]["code"] == "gcp-pmle"  # the stored result itself is not changed
