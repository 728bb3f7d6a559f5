"""Every admin page of the framework models loads for an admin, with the ML Engineer framework in."""

import re
from html.parser import HTMLParser

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


class _FormFields(HTMLParser):
    """The values a browser would post for the page's form (the empty inline templates left out)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name", "")
        if "__prefix__" in name:
            return
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data[self._textarea][0] = self.data[self._textarea][0].removeprefix("\n")
            self._textarea = None


def form_data(response) -> dict:
    parser = _FormFields()
    parser.feed(response.content.decode())
    return {name: values for name, values in parser.data.items() if name != "csrfmiddlewaretoken"}


def test_a_requirement_is_added_on_its_role_page_with_two_competencies(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    role = draft.roles.get(code="ml-engineer")
    before = role.requirements.count()
    docker, kubernetes = (draft.competencies.get(code=code) for code in ("docker", "kubernetes"))
    client.force_login(admin_user)
    url = reverse("admin:profiles_role_change", args=[role.pk])
    page = client.get(url)
    requirements = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "requirements")
    assert set(requirements.empty_form.fields["chosen"].queryset) == set(draft.competencies.all())
    data = form_data(page)
    row = int(data["requirements-TOTAL_FORMS"][0])
    data["requirements-TOTAL_FORMS"] = [str(row + 1)]
    data |= {
        f"requirements-{row}-chosen": [str(docker.pk), str(kubernetes.pk)],
        f"requirements-{row}-target": ["2"],
        f"requirements-{row}-weight": ["3"],
        f"requirements-{row}-label_fr": ["Conteneurs"],
        f"requirements-{row}-position": ["99"],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    added = role.requirements.get(position=99)
    assert role.requirements.count() == before + 1
    assert [link.competency for link in added.links.order_by("position")] == [docker, kubernetes]
    assert (added.target, added.weight, added.label) == (2, 3, {"fr": "Conteneurs"})


def test_role_and_coverage_choices_are_those_of_the_same_version(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    new_draft(version=ml_version)  # a third version, with the same codes
    role = draft.roles.get(code="ml-engineer")
    certification = draft.certifications.first()
    client.force_login(admin_user)
    page = client.get(reverse("admin:profiles_role_change", args=[role.pk]))
    steps = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "steps")
    assert set(steps.empty_form.fields["to_role"].queryset) == set(draft.roles.all())
    assert all(set(form.fields["to_role"].queryset) == set(draft.roles.all()) for form in steps.forms)
    page = client.get(reverse("admin:profiles_certification_change", args=[certification.pk]))
    covers = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "covers")
    assert set(covers.empty_form.fields["competency"].queryset) == set(draft.competencies.all())


def test_a_career_step_cannot_lead_to_a_role_of_another_version(ml_version):
    from django.core.exceptions import ValidationError

    from profiles.models import CareerStep

    draft = new_draft(version=ml_version)
    step = CareerStep(from_role=draft.roles.get(code="ml-engineer"), to_role=ml_version.roles.get(code="lead-ml"))
    with translation.override("en"), pytest.raises(ValidationError, match="role of the same framework version"):
        step.full_clean()


def test_tabular_inputs_of_a_draft_have_their_own_label(client, admin_user, ml_version):
    client.force_login(admin_user)
    draft = new_draft(version=ml_version)
    page = client.get(reverse("admin:profiles_frameworkversion_change", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    for name in ("levels-0-value", "levels-0-DELETE", "levels-1-value", "areas-0-position"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-label="' in tag, tag
    assert 'aria-label="Delete (row 1)"' in html
