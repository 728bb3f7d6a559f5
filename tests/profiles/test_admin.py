"""Every admin page of the framework models loads for an admin, with the ML Engineer framework in."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from profiles import models
from profiles.services import new_draft

MODELS = [
    models.Framework,
    models.FrameworkVersion,
    models.Area,
    models.Competency,
    models.CheckItem,
    models.Role,
    models.Requirement,
    models.Certification,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_list_search_add_and_change_pages_load(client, admin_user, ml_version, model):
    client.force_login(admin_user)
    name = f"admin:profiles_{model._meta.model_name}"
    assert client.get(reverse(f"{name}_changelist")).status_code == 200
    assert client.get(reverse(f"{name}_changelist"), {"q": "python"}).status_code == 200
    assert client.get(reverse(f"{name}_add")).status_code == (403 if model is models.Requirement else 200)
    obj = model.objects.order_by("pk").last()
    assert client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200


def test_a_competency_is_edited_with_its_anchors_and_checks(client, admin_user, ml_version):
    client.force_login(admin_user)
    competency = new_draft(version=ml_version).competencies.get(code="python")
    page = client.get(reverse("admin:profiles_competency_change", args=[competency.pk])).content.decode()
    assert "anchors-TOTAL_FORMS" in page and "checks-TOTAL_FORMS" in page
    assert 'lang="en"' in page  # one box per language


def test_candidates_and_trainers_cannot_open_the_admin(client, candidate, trainer, ml_version):
    url = reverse("admin:profiles_competency_changelist")
    for user in (candidate, trainer):
        client.force_login(user)
        assert client.get(url).status_code == 302


def test_a_requirement_cannot_use_a_competency_of_another_version(ml_version):
    from django.core.exceptions import ValidationError

    from profiles.models import RequirementCompetency
    from profiles.services import import_framework
    from tests.frameworks import minimal

    other = import_framework(data=minimal()).competencies.first()
    requirement = ml_version.roles.get(code="ml-engineer").requirements.first()
    with translation.override("en"), pytest.raises(ValidationError, match="same framework version"):
        RequirementCompetency(requirement=requirement, competency=other).full_clean()


def test_a_check_item_needs_two_options_and_a_valid_answer(ml_version):
    from django.core.exceptions import ValidationError

    check = ml_version.competencies.get(code="python").checks.first()
    check.answer = 7
    with translation.override("en"), pytest.raises(ValidationError, match="answer: 7 does not index an option"):
        check.full_clean()
    check.answer, check.options = 0, check.options[:1]
    with translation.override("en"), pytest.raises(ValidationError, match="options: expected at least 2 entries"):
        check.full_clean()


def test_tabular_inputs_of_a_draft_have_their_own_label(client, admin_user, ml_version):
    client.force_login(admin_user)
    draft = new_draft(version=ml_version)
    page = client.get(reverse("admin:profiles_frameworkversion_change", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    for name in ("levels-0-value", "levels-0-DELETE", "levels-1-value", "areas-0-position"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-label="' in tag, tag
    assert 'aria-label="Delete (row 1)"' in html
