"""Rendered pieces of candidate pages are reused only where they cannot differ."""

import re

import pytest
from django.urls import reverse

from assessment.services import start_attempt
from profiles.models import Anchor
from profiles.services import new_draft

pytestmark = pytest.mark.django_db


def checked(page: str) -> dict[str, str]:
    """The radio buttons checked on a page: field name -> value."""
    return dict(re.findall(r'name="(rate-[\w-]+)" id="[\w-]+" value="(\d)" checked', page))


def test_each_candidate_sees_their_own_choices_on_a_cached_page(client, candidate, other_candidate, ml_version):
    url = {}
    for person, rating in ((candidate, "3"), (other_candidate, "1")):
        attempt = start_attempt(user=person, version=ml_version)
        url[person] = reverse("assessment:step", args=[attempt.pk, 0])
        client.force_login(person)
        first = client.get(url[person]).content.decode()
        assert checked(first) == {}  # nothing chosen yet: the same rows for everyone
        codes = [row["key"] for row in client.get(url[person]).context["rows"]]
        client.post(url[person], {f"rate-{code}": rating for code in codes} | {"back": "1"})
    for person, rating in ((candidate, "3"), (other_candidate, "1")):
        client.force_login(person)
        page = client.get(url[person]).content.decode()
        assert set(checked(page).values()) == {rating} and len(checked(page)) == len(codes)


def test_the_preview_of_a_draft_shows_each_edit_at_once(admin_client, ml_version):
    draft = new_draft(version=ml_version)
    url = reverse("assessment:preview", args=[draft.pk, 0])
    assert "Nouvelle ancre" not in admin_client.get(url).content.decode()
    anchor = Anchor.objects.filter(competency__version=draft, competency__area__position=0, level=2).first()
    anchor.text = {"fr": "Nouvelle ancre", "en": "New anchor"}
    anchor.save()
    assert "Nouvelle ancre" in admin_client.get(url).content.decode()
