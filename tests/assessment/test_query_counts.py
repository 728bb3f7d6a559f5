"""Candidate pages run a fixed number of SQL queries, whatever the size of the framework or answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.services import start_attempt
from profiles.services import import_framework
from tests.assessment.conftest import answer_all, doubled

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # the first request loads the framework version into memory once per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def counts(client, user, version) -> dict:
    attempt = start_attempt(user=user, version=version)
    client.force_login(user)
    answer_all(client, attempt, rating="4", option="0")
    result = {
        "step": queries(client, reverse("assessment:step", args=[attempt.pk, 1])),
        "review": queries(client, reverse("assessment:review", args=[attempt.pk])),
    }
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    result["result"] = queries(client, reverse("assessment:result", args=[attempt.pk]))
    result["dashboard"] = queries(client, reverse("assessment:dashboard"))
    return result


def test_pages_do_not_grow_with_the_framework(client, candidate, other_candidate, ml_version, ml_data):
    big = import_framework(data=doubled(ml_data, "ml-engineer-x2"), publish=True)
    assert big.competencies.count() == 2 * ml_version.competencies.count()
    normal = counts(client, candidate, ml_version)
    assert counts(client, other_candidate, big) == normal
    # step and review: user, attempt with its version (the session comes from the cache);
    # result: + previous result, history, trainers' validated levels, cohort reviews
    assert normal == {"step": 2, "review": 2, "result": 6, "dashboard": 3}
