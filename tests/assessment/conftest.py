import copy
import html

import pytest
from django.urls import reverse

from assessment.models import Attempt
from assessment.services import start_attempt


@pytest.fixture
def attempt(candidate, ml_version):
    return start_attempt(user=candidate, version=ml_version)


def text(response) -> str:
    """The page as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def page_data(page, rating="3", option="0") -> dict:
    """A complete answer to the page shown: every skill rated, every check answered."""
    context = page.context
    prefix = "check-" if context["is_check"] else "rate-"
    return {prefix + row["key"]: option if context["is_check"] else rating for row in context["rows"]}


def answer_all(client, attempt: Attempt, rating="3", option="0") -> None:
    """Walk the whole questionnaire with Next, as a candidate would."""
    url = client.get(reverse("assessment:resume", args=[attempt.pk])).url
    while "/review/" not in url:
        page = client.get(url)
        response = client.post(url, page_data(page, rating, option))
        assert response.status_code == 302, response.content.decode()[:2000]
        url = response.url


def doubled(data: dict, slug: str) -> dict:
    """The framework twice over: every area, competency, requirement and coverage repeated."""
    data = copy.deepcopy(data)
    data["slug"] = slug
    twins = copy.deepcopy(data["areas"])
    for area in twins:
        area["code"] += "-2"
        for competency in area["competencies"]:
            competency["code"] += "-2"
    data["areas"] += twins
    for role in data["roles"]:
        extra = copy.deepcopy(role["requirements"])
        for requirement in extra:
            requirement["competencies"] = [code + "-2" for code in requirement["competencies"]]
        role["requirements"] += extra
    for certification in data["certifications"]:
        certification["covers"] += [{**c, "competency": c["competency"] + "-2"} for c in certification["covers"]]
    return data
