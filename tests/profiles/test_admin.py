"""Every admin page of the framework models loads for an admin, with the ML Engineer framework in."""

import pytest
from django.urls import reverse

from profiles import models

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
    assert client.get(reverse(f"{name}_add")).status_code == 200
    obj = model.objects.order_by("pk").last()
    assert client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200


def test_a_competency_is_edited_with_its_anchors_and_checks(client, admin_user, ml_version):
    client.force_login(admin_user)
    competency = ml_version.competencies.get(code="python")
    page = client.get(reverse("admin:profiles_competency_change", args=[competency.pk])).content.decode()
    assert "anchors-TOTAL_FORMS" in page and "checks-TOTAL_FORMS" in page
    assert 'lang="en"' in page  # one box per language


def test_candidates_and_trainers_cannot_open_the_admin(client, candidate, trainer, ml_version):
    url = reverse("admin:profiles_competency_changelist")
    for user in (candidate, trainer):
        client.force_login(user)
        assert client.get(url).status_code == 302
