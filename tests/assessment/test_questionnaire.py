"""Taking the questionnaire: start, pages, saving, tampering, review and submit."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Attempt
from assessment.services import start_attempt
from tests.assessment.conftest import answer_all, page_data, text

pytestmark = pytest.mark.django_db


def step_url(attempt, index=0):
    return reverse("assessment:step", args=[attempt.pk, index])


def test_start_ties_the_attempt_to_the_published_version_and_draws_checks(client, candidate, ml_version):
    client.force_login(candidate)
    response = client.post(reverse("assessment:start"))
    attempt = Attempt.objects.get()
    assert response.url == step_url(attempt, 0)
    assert attempt.version == ml_version and attempt.status == "in_progress"
    python_checks = {check.pk: check.level for check in ml_version.competencies.get(code="python").checks.all()}
    assert {python_checks[pk] for pk in attempt.drawn["python"].values()} == {1, 2, 3}
    assert "rigour" not in attempt.drawn  # soft skills have no checks


def test_starting_again_continues_the_attempt_in_progress(client, candidate, attempt):
    client.force_login(candidate)
    client.post(reverse("assessment:start"))
    client.post(reverse("assessment:start"))  # a double click
    assert Attempt.objects.count() == 1


def test_a_rating_page_shows_each_competency_with_its_own_anchors(client, candidate, attempt, ml_version):
    client.force_login(candidate)
    page = client.get(step_url(attempt), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    python = ml_version.competencies.get(code="python")
    assert python.name["fr"] in page
    for anchor in python.anchors.all():
        assert anchor.text["fr"].replace("'", "&#x27;") in page
    assert page.count('name="rate-python"') == 5  # levels 0 to 4
    assert "<progress" in page


def test_next_saves_the_page_and_the_checks_follow_the_ratings(client, candidate, attempt):
    client.force_login(candidate)
    data = {**page_data(client.get(step_url(attempt))), "rate-python": "0", "rate-sql": "1", "rate-r": "4"}
    response = client.post(step_url(attempt), data)
    assert response.url == step_url(attempt, 1)
    attempt.refresh_from_db()
    assert attempt.ratings == {"python": 0, "sql": 1, "r": 4} and attempt.steps_done == [0]
    checks = client.get(step_url(attempt, 1))
    asked = [row["key"] for row in checks.context["rows"]]
    # levels 1..min(s + 1, 3): python 0 -> 1; sql 1 -> 1, 2; r 4 -> 1, 2, 3
    assert asked == ["python-1", "sql-1", "sql-2", "r-1", "r-2", "r-3"]
    again = client.get(step_url(attempt, 1))
    assert [row["prompt"] for row in again.context["rows"]] == [row["prompt"] for row in checks.context["rows"]]


def test_back_keeps_what_was_typed_without_completing_the_page(client, candidate, attempt):
    client.force_login(candidate)
    response = client.post(step_url(attempt), {"rate-python": "2", "back": "1"})
    assert response.url == reverse("assessment:dashboard")
    attempt.refresh_from_db()
    assert attempt.ratings == {"python": 2} and attempt.steps_done == []


def test_a_missing_answer_is_explained_and_nothing_is_saved(client, candidate, attempt):
    client.force_login(candidate)
    response = client.post(step_url(attempt), {"rate-python": "2", "rate-sql": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved on this page" in page and "Choose a level, 0 if you have never used it." in page
    assert 'value="2" checked' in page  # what was typed is still there
    assert page.count("autofocus") == 1 and 'id="error-summary" autofocus' in page  # focus moves to the summary
    attempt.refresh_from_db()
    assert attempt.ratings == {} and attempt.steps_done == []


@pytest.mark.parametrize(
    "data, message",
    [
        ({"rate-python": "7"}, "The level must be between 0 and 4."),
        ({"rate-python": "-1"}, "The level must be between 0 and 4."),
        ({"rate-python": "two"}, "The level must be between 0 and 4."),
        ({"rate-python": "²"}, "The level must be between 0 and 4."),  # a digit to isdigit(), not to int()
        ({"rate-python": "\x00"}, "The level must be between 0 and 4."),
        ({"rate-pytorh": "2"}, '"pytorh" is not a competency of this page.'),
        ({"rate-docker": "2"}, '"docker" is not a competency of this page.'),  # another area's competency
    ],
)
def test_tampered_ratings_are_refused_and_change_nothing(client, candidate, attempt, data, message):
    client.force_login(candidate)
    complete = {"rate-python": "3", "rate-sql": "3", "rate-r": "3"}
    response = client.post(step_url(attempt), {**complete, **data}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in text(response)
    attempt.refresh_from_db()
    assert attempt.ratings == {}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"check-python-2": "0"}, '"python-2" is not a question of this page.'),  # s = 0 asks level 1 only
        ({"check-python-1": "9"}, "This answer is not one of the options."),
        ({"check-python-1": "x"}, "This answer is not one of the options."),
    ],
)
def test_tampered_check_answers_are_refused_and_change_nothing(client, candidate, attempt, data, message):
    client.force_login(candidate)
    client.post(step_url(attempt), {"rate-python": "0", "rate-sql": "0", "rate-r": "0"})
    complete = {"check-python-1": "0", "check-sql-1": "0", "check-r-1": "-1"}
    response = client.post(step_url(attempt, 1), {**complete, **data}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and message in text(response)
    attempt.refresh_from_db()
    assert attempt.answers == {}
    assert client.post(step_url(attempt, 1), complete).status_code == 302
    attempt.refresh_from_db()
    assert attempt.answers == {"python": {"1": 0}, "sql": {"1": 0}, "r": {"1": -1}}


def test_a_step_beyond_the_questionnaire_is_404(client, candidate, attempt):
    client.force_login(candidate)
    assert client.get(step_url(attempt, 99)).status_code == 404


def test_review_lists_every_answer_with_a_link_to_change_it(client, candidate, attempt):
    client.force_login(candidate)
    client.post(step_url(attempt), {"rate-python": "2", "back": "1"})
    page = client.get(reverse("assessment:review", args=[attempt.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "2 · Practitioner" in text
    assert "26 skills are not rated yet: they will count as 0." in text
    assert f'href="{step_url(attempt, 0)}#q-python"' in text and f'href="{step_url(attempt, 1)}#q-python-1"' in text


def test_review_lists_each_check_with_the_option_chosen_and_its_own_link(client, candidate, attempt):
    client.force_login(candidate)
    client.post(step_url(attempt), {"rate-python": "1", "rate-sql": "0", "rate-r": "0"})
    asked = {row["key"]: row for row in client.get(step_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="en").context["rows"]}
    assert list(asked) == ["python-1", "python-2", "sql-1", "r-1"]  # levels 1..min(s + 1, 3)
    client.post(step_url(attempt, 1), {"check-python-1": "2", "check-sql-1": "-1", "back": "1"})
    page = client.get(reverse("assessment:review", args=[attempt.pk]), HTTP_ACCEPT_LANGUAGE="en")
    checks = page.context["sections"][0]["checks"]
    assert (checks["answered"], checks["asked"]) == (2, 4)
    rows = {row["url"].rsplit("#", 1)[1]: (row["prompt"], row["answer"]) for row in checks["rows"]}
    assert rows == {
        "q-python-1": (asked["python-1"]["prompt"], asked["python-1"]["choices"][2][1]),
        "q-python-2": (asked["python-2"]["prompt"], None),
        "q-sql-1": (asked["sql-1"]["prompt"], "I don't know"),
        "q-r-1": (asked["r-1"]["prompt"], None),
    }
    body = text(page)
    # 2 here, plus the level-1 check of each of the 17 unrated competencies with checks in 4 other areas
    assert "Knowledge checks: 2 of 4 answered." in body and body.count("not answered") == 2 + 17
    assert f'href="{step_url(attempt, 1)}#q-sql-1"' in body and f'href="{step_url(attempt, 0)}#q-sql"' in body
    french = text(client.get(reverse("assessment:review", args=[attempt.pk]), HTTP_ACCEPT_LANGUAGE="fr"))
    assert french.count("sans réponse") == 2 + 17


def test_closing_the_browser_loses_nothing(client, candidate, attempt):
    client.force_login(candidate)
    client.post(step_url(attempt), page_data(client.get(step_url(attempt))))
    client.logout()
    client.force_login(candidate)
    dashboard = client.get(reverse("assessment:dashboard")).content.decode()
    assert reverse("assessment:resume", args=[attempt.pk]) in dashboard
    assert client.get(reverse("assessment:resume", args=[attempt.pk])).url == step_url(attempt, 1)


def test_submit_twice_gives_one_result(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt)
    submit = reverse("assessment:submit", args=[attempt.pk])
    assert client.post(submit).url == reverse("assessment:result", args=[attempt.pk])
    attempt.refresh_from_db()
    first = (attempt.result, attempt.submitted_at)
    assert client.post(submit).url == reverse("assessment:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert (attempt.result, attempt.submitted_at) == first
    assert Attempt.objects.count() == 1


def test_pages_of_a_submitted_attempt_change_nothing(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt)
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    before = (attempt.ratings, attempt.answers, attempt.result)
    for url in (step_url(attempt), reverse("assessment:review", args=[attempt.pk])):
        assert client.get(url).url == reverse("assessment:result", args=[attempt.pk])
    response = client.post(step_url(attempt), {"rate-python": "0", "rate-sql": "0", "rate-r": "0"})
    assert response.url == reverse("assessment:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert (attempt.ratings, attempt.answers, attempt.result) == before


def test_a_result_needs_a_submitted_attempt(client, candidate, attempt):
    client.force_login(candidate)
    assert client.get(reverse("assessment:result", args=[attempt.pk])).url == reverse(
        "assessment:review", args=[attempt.pk]
    )
    assert client.get(reverse("assessment:result-pdf", args=[attempt.pk])).status_code == 404


def test_a_retake_is_a_new_attempt_on_the_current_version(client, candidate, attempt):
    client.force_login(candidate)
    answer_all(client, attempt)
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    client.post(reverse("assessment:start"))
    assert Attempt.objects.filter(user=candidate).count() == 2
    assert Attempt.objects.in_progress().get().pk != attempt.pk


def test_start_without_a_published_framework_says_so(client, candidate, db):
    client.force_login(candidate)
    response = client.post(reverse("assessment:start"), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "No framework is published yet" in response.content.decode()
    assert not Attempt.objects.exists()


def test_start_attempt_service_keeps_one_attempt_in_progress_per_version(candidate, ml_version):
    first = start_attempt(user=candidate, version=ml_version)
    Attempt.objects.filter(pk=first.pk).update(status="submitted", result={}, submitted_at=timezone.now())
    assert start_attempt(user=candidate, version=ml_version).pk != first.pk


def test_progress_counts_areas_done_percent_and_time_left(client, candidate, attempt):
    client.force_login(candidate)
    client.post(step_url(attempt), page_data(client.get(step_url(attempt))))
    label = text(client.get(step_url(attempt, 1), HTTP_ACCEPT_LANGUAGE="en"))
    # 7 areas, 12 steps (5 areas with checks): 1 of 12 saved = 8 %, the first area not done until its checks are
    assert "Area 1 of 7 · 0 areas done · 8 % saved" in label
    client.post(step_url(attempt, 1), page_data(client.get(step_url(attempt, 1))))
    page = text(client.get(step_url(attempt, 2), HTTP_ACCEPT_LANGUAGE="en"))
    # left: 24 ratings × 20 s + 17 competencies with checks × 2 × 40 s = 1,840 s, about 31 minutes
    assert "Area 2 of 7 · 1 area done · 17 % saved · about 31 minutes left" in page
    french = text(client.get(step_url(attempt, 2), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "Domaine 2 sur 7 · 1 domaine terminé · 17 % enregistré" in french
