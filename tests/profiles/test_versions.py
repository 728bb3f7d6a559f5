"""Framework versions: frozen once published, drafts, publishing, upload, download, compare, CASE, preview."""

import io
import json

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from assessment.services import start_attempt, submit_attempt
from profiles.interchange import export_version
from profiles.models import Anchor, Competency, FrameworkVersion, FrozenVersion, Requirement, RequirementCompetency
from profiles.services import InvalidFramework, new_draft, publish_draft
from tests.frameworks import t
from tests.profiles.test_import_rules import CASES, broken

pytestmark = pytest.mark.django_db


def admin_url(name, version):
    return reverse(f"admin:profiles_frameworkversion_{name}", args=[version.pk])


def test_a_published_version_refuses_any_change(ml_version):
    competency = ml_version.competencies.get(code="python")
    competency.name = {"fr": "Serpent", "en": "Snake"}
    with pytest.raises(FrozenVersion):
        competency.save()
    with pytest.raises(FrozenVersion):
        Anchor.objects.filter(competency=competency).first().delete()
    with pytest.raises(FrozenVersion):
        Competency(version=ml_version, area=competency.area, code="new", name=t("New")).save()
    ml_version.title = t("Changed")
    with pytest.raises(FrozenVersion):
        ml_version.save()
    assert ml_version.competencies.get(code="python").name["en"] == "Python"


def test_content_cannot_be_moved_out_of_a_published_version(ml_version):
    draft = new_draft(version=ml_version)
    area = ml_version.areas.get(code="mlops")
    area.version = draft
    with pytest.raises(FrozenVersion):
        area.save()
    with pytest.raises(FrozenVersion):
        area.delete()
    assert ml_version.areas.filter(code="mlops").exists() and draft.areas.filter(code="mlops").count() == 1


def test_many_to_many_and_bulk_writes_refuse_a_published_version(ml_version):
    requirement = ml_version.roles.get(code="ml-engineer").requirements.first()
    links = sorted(requirement.links.values_list("competency_id", flat=True))
    other = ml_version.competencies.exclude(pk__in=links).first()
    # many-to-many writes run in an atomic block: a savepoint keeps the test's transaction usable
    with pytest.raises(FrozenVersion), transaction.atomic():
        requirement.competencies.add(other)
    with pytest.raises(FrozenVersion), transaction.atomic():
        requirement.competencies.clear()
    assert sorted(requirement.links.values_list("competency_id", flat=True)) == links
    role = ml_version.roles.get(code="ml-engineer")
    steps = list(role.steps.values_list("to_role_id", flat=True))
    with pytest.raises(FrozenVersion), transaction.atomic():
        role.next_roles.add(ml_version.roles.get(code="chief-ai-officer"))
    with pytest.raises(FrozenVersion), transaction.atomic():
        role.next_roles.remove(*role.next_roles.all())
    assert list(role.steps.values_list("to_role_id", flat=True)) == steps
    with pytest.raises(FrozenVersion):
        Anchor.objects.filter(competency__version=ml_version).delete()
    with pytest.raises(FrozenVersion):
        Anchor.objects.bulk_create([Anchor(competency=other, level=4, text=t("Again"))])
    draft = new_draft(version=ml_version)
    draft_requirement = draft.roles.get(code="ml-engineer").requirements.first()
    draft_requirement.competencies.add(draft.competencies.get(code=other.code))  # drafts still change freely
    assert draft_requirement.links.count() == len(links) + 1


def test_a_version_status_only_moves_from_draft_to_published_to_archived(ml_version):
    ml_version.status = FrameworkVersion.Status.DRAFT
    with pytest.raises(FrozenVersion):
        ml_version.save(update_fields=["status"])
    draft = new_draft(version=ml_version)
    draft.status = FrameworkVersion.Status.ARCHIVED
    with pytest.raises(FrozenVersion):
        draft.save(update_fields=["status"])
    assert list(FrameworkVersion.objects.order_by("number").values_list("status", flat=True)) == ["published", "draft"]
    draft.refresh_from_db()
    publish_draft(version=draft)
    assert list(FrameworkVersion.objects.order_by("number").values_list("status", flat=True)) == [
        "archived",
        "published",
    ]


def test_the_admin_shows_a_published_version_read_only(client, admin_user, ml_version):
    client.force_login(admin_user)
    page = client.get(admin_url("change", ml_version), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="_save"' not in page and "New draft from this version" in page
    competency = ml_version.competencies.get(code="python")
    page = client.get(reverse("admin:profiles_competency_change", args=[competency.pk])).content.decode()
    assert 'name="_save"' not in page and 'name="anchors-0-text_fr"' not in page


def test_a_new_draft_copies_everything(client, admin_user, ml_version):
    client.force_login(admin_user)
    response = client.post(admin_url("new_draft", ml_version))
    draft = FrameworkVersion.objects.get(status="draft")
    assert response.url == admin_url("change", draft)
    assert {**export_version(draft), "version": 1} == export_version(ml_version)
    assert draft.number == 2


def test_an_admin_adds_a_competency_changes_a_requirement_previews_compares_and_publishes(
    client, admin_user, candidate, ml_version
):
    attempt = start_attempt(user=candidate, version=ml_version)
    submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    client.force_login(candidate)
    result_url = reverse("assessment:result", args=[attempt.pk])
    before = client.get(result_url, HTTP_ACCEPT_LANGUAGE="en").context["result"]

    client.force_login(admin_user)
    client.post(admin_url("new_draft", ml_version))
    draft = FrameworkVersion.objects.get(status="draft")
    area = draft.areas.get(code="mlops")
    added = Competency.objects.create(version=draft, area=area, code="airflow", name=t("Airflow"), position=9)
    for level in range(1, 5):
        Anchor.objects.create(competency=added, level=level, text=t(f"Airflow at level {level}"))
    requirement = Requirement.objects.filter(
        role__version=draft, role__code="ml-engineer", links__competency__code="docker"
    ).get()
    requirement.target = 3
    requirement.save()
    RequirementCompetency.objects.create(requirement=requirement, competency=added, position=1)

    preview = client.get(reverse("assessment:preview", args=[draft.pk, 4]), HTTP_ACCEPT_LANGUAGE="en")
    assert (
        preview.status_code == 200
        and "Airflow" in preview.content.decode()
        and "nothing is saved" in preview.content.decode()
    )

    changes = client.get(admin_url("compare", draft), {"with": ml_version.pk}).context["changes"]
    summary = {(c["kind"], c["code"], c["what"], c["field"]) for c in changes}
    assert ("competency", "airflow", "added", "") in summary
    assert ("requirement", "ml-engineer", "removed", "docker") in summary
    assert ("requirement", "ml-engineer", "added", "airflow / docker") in summary

    response = client.post(admin_url("publish", draft))
    assert response.url == admin_url("change", draft)
    draft.refresh_from_db()
    ml_version.refresh_from_db()
    assert (draft.status, ml_version.status) == ("published", "archived")
    attempt.refresh_from_db()
    assert attempt.version == ml_version  # attempts keep their version
    client.force_login(candidate)
    assert client.get(result_url, HTTP_ACCEPT_LANGUAGE="en").context["result"] == before
    new_attempt = start_attempt(user=candidate, version=FrameworkVersion.objects.published().get())
    assert "airflow" in {c for c in new_attempt.drawn} | set(
        new_attempt.version.competencies.values_list("code", flat=True)
    )


def test_publishing_a_broken_draft_lists_every_problem_and_publishes_nothing(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    python = draft.competencies.get(code="python")
    python.anchors.get(level=4).delete()
    python.checks.filter(level=1).update(answer=9)
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.post(admin_url("publish", draft), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    problems = response.context["problems"]
    assert any("anchors" in p for p in problems) and any(".answer: 9 does not index an option" in p for p in problems)
    draft.refresh_from_db()
    assert draft.status == "draft" and FrameworkVersion.objects.published().get() == ml_version
    with pytest.raises(InvalidFramework):
        publish_draft(version=ml_version)  # not a draft


def test_upload_a_file_becomes_a_draft_or_lists_problems(client, admin_user, framework_data):
    client.force_login(admin_user)
    good = io.BytesIO(json.dumps(framework_data).encode())
    good.name = "mini.json"
    response = client.post(reverse("admin:profiles_frameworkversion_upload"), {"file": good})
    version = FrameworkVersion.objects.get()
    assert response.url == admin_url("change", version) and version.status == "draft"
    framework_data["roles"][0]["requirements"][0]["competencies"] = ["pytorh"]
    bad = io.BytesIO(json.dumps(framework_data).encode())
    bad.name = "bad.json"
    with translation.override("en"):
        response = client.post(
            reverse("admin:profiles_frameworkversion_upload"), {"file": bad}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert 'roles[0].requirements[0].competencies[0]: unknown competency "pytorh"' in response.context["problems"]
    not_json = io.BytesIO(b"{oops")
    not_json.name = "x.json"
    response = client.post(reverse("admin:profiles_frameworkversion_upload"), {"file": not_json})
    assert response.context["problems"] and FrameworkVersion.objects.count() == 1


def test_download_any_version(client, admin_user, ml_version, ml_data):
    client.force_login(admin_user)
    response = client.get(admin_url("download", ml_version))
    assert json.loads(response.content) == ml_data
    assert "attachment" in response["Content-Disposition"]


def test_case_export_structure(client, admin_user, ml_version, ml_data):
    client.force_login(admin_user)
    package = json.loads(client.get(admin_url("case", ml_version)).content)
    assert set(package) == {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
    document = package["CFDocument"]
    uris = [document["uri"], *(i["uri"] for i in package["CFItems"]), *(a["uri"] for a in package["CFAssociations"])]
    assert all(uri.startswith("http://testserver/") and "//" not in uri.removeprefix("http://") for uri in uris)
    types = {t["title"]: t for t in package["CFDefinitions"]["CFItemTypes"]}
    assert set(types) == {"Area", "Competency"}
    assert document["adoptionStatus"] == "Adopted" and document["title"] == ml_data["title"]["fr"]
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    competencies = [c for area in ml_data["areas"] for c in area["competencies"]]
    assert len(items) == len(ml_data["areas"]) + len(competencies)
    assert items["python"]["CFItemType"] == "Competency" and items["mlops"]["CFItemType"] == "Area"
    assert items["python"]["CFItemTypeURI"]["identifier"] == types["Competency"]["identifier"]
    assert items["mlops"]["CFItemTypeURI"]["uri"] == types["Area"]["uri"]
    python = competencies[0]
    assert python["code"] == "python" and document["language"] == items["python"]["language"] == "fr"
    assert items["python"]["fullStatement"] == items["python"]["abbreviatedStatement"] == python["name"]["fr"]
    in_mlops = [
        a for a in package["CFAssociations"] if a["destinationNodeURI"]["identifier"] == items["mlops"]["identifier"]
    ]
    sequence = [a["sequenceNumber"] for a in in_mlops]
    mlops = next(area for area in ml_data["areas"] if area["code"] == "mlops")
    assert sequence == list(range(1, len(mlops["competencies"]) + 1))
    parent_of = {
        a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"] for a in package["CFAssociations"]
    }
    assert all(a["associationType"] == "isChildOf" for a in package["CFAssociations"])
    assert parent_of[items["docker"]["identifier"]] == items["mlops"]["identifier"]
    assert parent_of[items["mlops"]["identifier"]] == document["identifier"]
    rubric = next(
        r
        for r in package["CFRubrics"]
        if r["CFRubricCriteria"][0]["CFItemURI"]["identifier"] == items["python"]["identifier"]
    )
    levels = rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [level["score"] for level in levels] == [1, 2, 3, 4]
    assert levels[2]["description"] == competencies[0]["anchors"]["3"]["fr"]
    again = json.loads(client.get(admin_url("case", ml_version)).content)
    assert again["CFDocument"]["identifier"] == document["identifier"]  # stable identifiers


def test_version_tools_are_for_admins_only(client, candidate, trainer, ml_version):
    for user in (candidate, trainer):
        client.force_login(user)
        for name in ("download", "case", "compare", "new_draft", "publish"):
            assert client.get(admin_url(name, ml_version)).status_code == 302
        assert client.get(reverse("assessment:preview", args=[ml_version.pk, 0])).status_code == 404
    assert FrameworkVersion.objects.count() == 1


def test_the_list_shows_how_many_attempts_use_each_version(client, admin_user, candidate, ml_version):
    start_attempt(user=candidate, version=ml_version)
    client.force_login(admin_user)
    page = client.get(reverse("admin:profiles_frameworkversion_changelist"))
    assert page.context["cl"].result_list[0].attempt_count == 1


def test_a_requirement_is_edited_by_choosing_its_competencies(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    requirement = Requirement.objects.get(
        role__version=draft, role__code="ml-engineer", links__competency__code="docker"
    )
    docker, kubernetes = (draft.competencies.get(code=code) for code in ("docker", "kubernetes"))
    client.force_login(admin_user)
    url = reverse("admin:profiles_requirement_change", args=[requirement.pk])
    data = {"chosen": [docker.pk, kubernetes.pk], "target": "3", "weight": "4", "position": "7"}
    with translation.override("en"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert "Name the group" in response.content.decode()  # several competencies need a label
    response = client.post(url, {**data, "label_fr": "Conteneurs", "label_en": "Containers"})
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert sorted(link.competency.code for link in requirement.links.all()) == ["docker", "kubernetes"]
    assert (requirement.target, requirement.label) == (3, {"fr": "Conteneurs", "en": "Containers"})
    published = ml_version.competencies.get(code="docker")
    response = client.post(url, {**data, "chosen": [published.pk], "label_fr": "X"})
    assert response.status_code == 200  # a competency of another version is not a choice
    assert sorted(link.competency.code for link in requirement.links.all()) == ["docker", "kubernetes"]


def test_check_options_are_edited_one_per_line():
    from profiles.fields import OptionsFormField

    field = OptionsFormField()
    assert field.clean(["Oui\nNon", "Yes\nNo"]) == [{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}]
    assert field.clean(["Oui\nNon", ""]) == [{"fr": "Oui"}, {"fr": "Non"}]
    with translation.override("en"), pytest.raises(Exception, match="same number of options"):
        field.clean(["Oui\nNon", "Yes"])
    assert field.widget.decompress([{"fr": "Oui", "en": "Yes"}, {"fr": "Non", "en": "No"}]) == ["Oui\nNon", "Yes\nNo"]


@pytest.mark.parametrize("change, message", CASES)
def test_a_malformed_upload_lists_the_rule_and_writes_nothing(client, admin_user, change, message):
    client.force_login(admin_user)
    upload = io.BytesIO(json.dumps(broken(change)).encode())
    upload.name = "framework.json"
    with translation.override("en"):
        response = client.post(
            reverse("admin:profiles_frameworkversion_upload"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert any(problem.startswith(message) for problem in response.context["problems"])
    assert not FrameworkVersion.objects.exists()


@pytest.fixture
def viewer(db):
    """Staff who may only look at framework versions."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("viewer", "viewer@example.com", "x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_frameworkversion"))
    return user


def test_viewing_rights_do_not_allow_upload_new_draft_or_publish(client, viewer, ml_version, framework_data):
    draft = new_draft(version=ml_version)
    client.force_login(viewer)
    assert client.get(admin_url("download", draft)).status_code == 200  # viewing is allowed
    upload = io.BytesIO(json.dumps(framework_data).encode())
    upload.name = "mini.json"
    assert client.get(reverse("admin:profiles_frameworkversion_upload")).status_code == 403
    assert client.post(reverse("admin:profiles_frameworkversion_upload"), {"file": upload}).status_code == 403
    assert client.post(admin_url("new_draft", ml_version)).status_code == 403
    assert client.post(admin_url("publish", draft)).status_code == 403
    assert sorted(FrameworkVersion.objects.values_list("status", flat=True)) == ["draft", "published"]
    assert not FrameworkVersion.objects.filter(framework__slug="mini").exists()


def test_only_the_buttons_a_person_may_use_are_shown(client, viewer, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    buttons = ("New draft from this version", "Publish this draft", "Upload a framework file")
    for person, shown in ((viewer, False), (admin_user, True)):
        client.force_login(person)
        pages = [
            client.get(reverse("admin:profiles_frameworkversion_change", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="en"),
            client.get(reverse("admin:profiles_frameworkversion_changelist"), HTTP_ACCEPT_LANGUAGE="en"),
        ]
        text = "".join(page.content.decode() for page in pages)
        assert [button in text for button in buttons] == [shown] * 3


def test_a_new_draft_from_a_broken_draft_lists_its_problems(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    draft.competencies.get(code="python").anchors.get(level=4).delete()
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.post(admin_url("new_draft", draft), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    problems = response.context["problems"]
    assert any(p.endswith('anchors: expected exactly the keys "1", "2", "3" and "4"') for p in problems)
    assert "No draft was made" in response.content.decode()
    assert FrameworkVersion.objects.count() == 2


def test_the_preview_of_a_draft_missing_an_anchor_still_shows_the_page(client, admin_user, ml_version):
    from assessment.content import content_for
    from assessment.questionnaire import RATE, steps

    draft = new_draft(version=ml_version)
    python = draft.competencies.get(code="python")
    python.anchors.get(level=3).delete()
    rating = next(
        s for s in steps(content_for(draft)) if s.kind == RATE and "python" in {c.code for c in s.area.competencies}
    )
    client.force_login(admin_user)
    response = client.get(reverse("assessment:preview", args=[draft.pk, rating.index]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    row = next(row for row in response.context["rows"] if row["key"] == "python")
    texts = [text for _value, _name, text in row["choices"]]
    assert texts[3] == "" and texts[4] == python.anchors.get(level=4).text["en"]
    assert "Not publishable yet:" in response.content.decode()
    assert any('.anchors: expected exactly the keys "1"' in problem for problem in response.context["problems"])


def test_a_draft_is_deleted_in_the_admin(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    client.force_login(admin_user)
    response = client.post(reverse("admin:profiles_frameworkversion_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert list(FrameworkVersion.objects.all()) == [ml_version]
    assert Requirement.objects.filter(role__version=ml_version).exists()


def test_a_framework_of_drafts_is_deleted_but_a_version_attempts_use_is_protected(
    client, admin_user, candidate, ml_version, framework_data
):
    from django.db.models import ProtectedError

    from profiles.models import Framework
    from profiles.services import import_framework

    mini = import_framework(data=framework_data).framework
    client.force_login(admin_user)
    response = client.post(reverse("admin:profiles_framework_delete", args=[mini.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert list(Framework.objects.all()) == [ml_version.framework]
    start_attempt(user=candidate, version=ml_version)
    assert client.get(reverse("admin:profiles_frameworkversion_delete", args=[ml_version.pk])).status_code == 403
    with pytest.raises(ProtectedError), transaction.atomic():
        ml_version.delete()  # attempts keep their version
    assert FrameworkVersion.objects.get() == ml_version


def test_the_compare_page_speaks_french_and_shows_every_changed_text(client, admin_user, ml_version):
    draft = new_draft(version=ml_version)
    python = draft.competencies.get(code="python")
    python.name = {**python.name, "en": "Python 3"}  # an English-only change
    python.save()
    requirement = Requirement.objects.filter(role__version=draft, role__code="ml-engineer", label__isnull=False).first()
    old_label = requirement.label
    requirement.label = {"fr": "Nouveau groupe", "en": "New group"}
    requirement.save()
    client.force_login(admin_user)
    with translation.override("fr"):
        response = client.get(admin_url("compare", draft), {"with": ml_version.pk}, HTTP_ACCEPT_LANGUAGE="fr")
    changes = response.context["changes"]
    name = next(c for c in changes if (c["kind"], c["code"], c["field"]) == ("competency", "python", "name"))
    assert (name["kind_label"], name["what_label"], name["field_label"]) == ("compétence", "modifié", "nom")
    assert name["old"] == "fr: Python · en: Python" and name["new"] == "fr: Python · en: Python 3"
    label = next(c for c in changes if c["kind"] == "requirement" and c["what"] == "changed")
    assert label["kind_label"] == "exigence"
    assert label["old"] != label["new"] and "Nouveau groupe" in label["new"] and old_label["en"] in label["old"]
    assert label["new"].startswith(f"cible {requirement.target}, poids {requirement.weight} · ")
    page = response.content.decode()
    assert "<td>compétence</td>" in page and "<td>changed</td>" not in page and "target " not in page
