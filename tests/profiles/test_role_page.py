import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.services import import_framework
from tests.frameworks import minimal

pytestmark = pytest.mark.django_db


def url(code="ml-engineer"):
    return reverse("role-detail", args=["ml-engineer", code])


def test_the_ml_engineer_profile_shows_the_seed_facts(client, ml_version):
    page = client.get(url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "160 000 – 360 000 MAD" in page.replace("\u202f", " ").replace("\xa0", " ")
    assert "Brut, par an" in page
    assert "Bac+5" in page
    for step in ("Senior ML Engineer", "MLOps Architect"):
        assert step in page
    assert "Google Cloud Professional Machine Learning Engineer" in page


def test_retired_certifications_are_not_listed(client, ml_version):
    page = client.get(url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    retired = ml_version.certifications.filter(status="retired")
    assert retired.exists()
    assert all(str(c.name["en"]) not in page for c in retired)


def test_an_unknown_role_or_framework_is_404(client, ml_version):
    assert client.get(url("astronaut")).status_code == 404
    assert client.get(reverse("role-detail", args=["nope", "ml-engineer"])).status_code == 404


def test_the_page_is_in_english_on_request(client, ml_version):
    page = client.get(url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What the role requires" in page and "Indicative pay" in page


def count_queries(client, framework, code):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("role-detail", args=[framework, code])).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_framework(client, ml_version):
    """4 competencies or 27, 2 requirements or 24: the same 9 queries (version with its framework, role,
    its steps, requirements, their competencies, levels, areas, competencies, certifications)."""
    import_framework(data=minimal(), publish=True)
    assert count_queries(client, "mini", "engineer") == count_queries(client, "ml-engineer", "ml-engineer") == 9
