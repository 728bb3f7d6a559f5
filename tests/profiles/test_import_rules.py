"""Every rule of spec/framework-format.md: one broken file each, the right message, nothing written."""

import pytest
from django.utils import translation

from profiles.interchange import validate
from profiles.models import Framework, FrameworkVersion
from profiles.services import InvalidFramework, import_framework
from tests.frameworks import minimal, t


def broken(change):
    data = minimal()
    change(data)
    return data


def competency(data, area=0, index=0):
    return data["areas"][area]["competencies"][index]


def set_key(path: str, value):
    """A change that sets data[...][...] = value, the path written like 'roles.1.rank'."""

    def change(data):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = data
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def remove_key(path: str):
    def change(data):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = data
        for key in parents:
            target = target[key]
        del target[last]

    return change


CASES = [
    # required keys and types
    (remove_key("title"), '(file): missing required key "title"'),
    (remove_key("areas.0.competencies.0.anchors"), 'areas[0].competencies[0]: missing required key "anchors"'),
    (remove_key("roles.0.rank"), 'roles[0]: missing required key "rank"'),
    (remove_key("certifications.0.covers"), 'certifications[0]: missing required key "covers"'),
    (set_key("areas", []), "areas: expected at least 1 entry"),
    (set_key("areas.0.competencies", []), "areas[0].competencies: expected at least 1 entry"),
    (set_key("roles.0.requirements", []), "roles[0].requirements: expected at least 1 entry"),
    (set_key("roles.0.requirements.0.competencies", []), "roles[0].requirements[0].competencies: expected at least 1"),
    (set_key("certifications.0.covers", []), "certifications[0].covers: expected at least 1 entry"),
    (set_key("areas.0.competencies.0.colour", "red"), 'areas[0].competencies[0].colour: unknown key "colour"'),
    (set_key("format", "other/2"), 'format: expected "kafaa-framework/1"'),
    (set_key("slug", "ML Engineer"), "slug: expected a code of lowercase letters"),
    (set_key("areas.0.code", "Code_1"), "areas[0].code: expected a code of lowercase letters"),
    (set_key("title", "Mini"), 'title: expected translations like {"fr": "…", "en": "…"}'),
    (set_key("title", {"en": "Mini"}), 'title: the French text "fr" is required'),
    (set_key("roles.0.rank", "1"), "roles[0].rank: expected a whole number"),
    (set_key("roles.0.entry", "yes"), "roles[0].entry: expected true or false"),
    (set_key("roles.1.salary.min", 1.5), "roles[1].salary.min: expected a whole number"),
    (set_key("roles.1.salary.period", "week"), 'roles[1].salary.period: expected "year" or "month"'),
    (set_key("certifications.0.provider", ""), "certifications[0].provider: expected a non-empty text"),
    (set_key("certifications.0.url", "ftp://x"), "certifications[0].url: expected an http:// or https:// address"),
    (set_key("certifications.0.retires_on", "31/05/2024"), "certifications[0].retires_on: expected a date YYYY-MM-DD"),
    (set_key("certifications.0.retires_on", "2024-02-30"), "certifications[0].retires_on: expected a date YYYY-MM-DD"),
    (set_key("roles.0.next", [{"x": 1}]), "roles[0].next[0]: expected a code of lowercase letters"),
    # bounds of the database columns
    (set_key("version", 2**31), "version: 2147483648 is out of range 1–2147483647"),
    (set_key("roles.2.rank", 40000), "roles[2].rank: 40000 is out of range 0–32767"),
    (set_key("roles.1.salary.max", 3 * 10**9), "roles[1].salary.max: 3000000000 is out of range 0–2147483647"),
    (set_key("areas.0.code", "a" * 51), "areas[0].code: expected at most 50 characters"),
    (set_key("certifications.0.exam", "X" * 80), "certifications[0].exam: expected at most 50 characters"),
    (set_key("certifications.0.provider", "P" * 201), "certifications[0].provider: expected at most 200 characters"),
    (set_key("certifications.0.url", "https://x.ma/" + "a" * 190), "certifications[0].url: expected at most 200"),
    # levels and anchors
    (lambda d: d["levels"].pop(), "levels: expected exactly five levels with values 0, 1, 2, 3, 4 in that order"),
    (lambda d: d["levels"].reverse(), "levels: expected exactly five levels with values 0, 1, 2, 3, 4 in that order"),
    (lambda d: competency(d)["anchors"].pop("4"), 'areas[0].competencies[0].anchors: expected exactly the keys "1"'),
    (lambda d: competency(d)["anchors"].update({"5": t("x")}), "areas[0].competencies[0].anchors: expected exactly"),
    # ranges
    (set_key("roles.0.requirements.0.target", 5), "roles[0].requirements[0].target: 5 is out of range 1–4"),
    (set_key("roles.0.requirements.0.target", 0), "roles[0].requirements[0].target: 0 is out of range 1–4"),
    (set_key("roles.0.requirements.0.weight", 6), "roles[0].requirements[0].weight: 6 is out of range 1–5"),
    (set_key("certifications.0.covers.0.coverage", 0.7), "certifications[0].covers[0].coverage: expected 0.5"),
    (set_key("certifications.0.covers.0.coverage", True), "certifications[0].covers[0].coverage: expected 0.5"),
    (
        set_key("areas.0.competencies.0.checks.0.level", 4),
        "areas[0].competencies[0].checks[0].level: 4 is out of range",
    ),
    (
        lambda d: competency(d)["checks"][0]["options"].pop(),
        "areas[0].competencies[0].checks[0].options: expected at least 2",
    ),
    (
        set_key("areas.0.competencies.0.checks.0.answer", 2),
        "areas[0].competencies[0].checks[0].answer: 2 does not index",
    ),
    (
        set_key("areas.0.competencies.0.checks.0.answer", -1),
        "areas[0].competencies[0].checks[0].answer: -1 does not index",
    ),
    # references and duplicates
    (
        set_key("roles.1.requirements.0.competencies", ["python", "pytorh"]),
        'roles[1].requirements[0].competencies[1]: unknown competency "pytorh"',
    ),
    (
        set_key("certifications.0.covers.0.competency", "azure"),
        "certifications[0].covers[0].competency: unknown competency",
    ),
    (set_key("roles.0.next", ["boss"]), 'roles[0].next[0]: unknown role "boss"'),
    (set_key("areas.1.code", "code"), 'areas[1].code: duplicate code "code"'),
    (set_key("areas.1.competencies.0.code", "python"), 'areas[1].competencies[0].code: duplicate code "python"'),
    (set_key("roles.2.code", "junior"), 'roles[2].code: duplicate code "junior"'),
    (set_key("certifications.1.code", "cloud-cert"), 'certifications[1].code: duplicate code "cloud-cert"'),
    (
        set_key("roles.1.requirements.1.competencies", ["aws", "aws"]),
        'roles[1].requirements[1].competencies[1]: competency "aws" is listed twice',
    ),
    (
        set_key("certifications.0.covers.1.competency", "aws"),
        'certifications[0].covers[1].competency: competency "aws" is listed twice',
    ),
    # career steps and the entry role
    (set_key("roles.2.next", ["junior"]), "roles: next forms a cycle: junior → engineer → senior → junior"),
    (set_key("roles.1.rank", 1), 'roles[0].next[0]: rank must grow along next: "engineer" has rank 1, not above 1'),
    (set_key("roles.0.entry", True), "roles: exactly one role must be the entry role (found 2)"),
    (set_key("roles.1.entry", False), "roles: exactly one role must be the entry role (found 0)"),
    # salary and status
    (set_key("roles.1.salary.min", 400000), "roles[1].salary: min (400000) is greater than max (360000)"),
    (set_key("certifications.0.status", "expired"), "certifications[0].status: expected one of: active, retiring"),
]


@pytest.mark.parametrize("change, message", CASES)
def test_each_rule_is_reported_with_its_path_and_nothing_is_written(db, change, message):
    data = broken(change)
    with translation.override("en"), pytest.raises(InvalidFramework) as error:
        import_framework(data=data)
    assert any(problem.startswith(message) for problem in error.value.problems), error.value.problems
    assert not Framework.objects.exists()
    assert not FrameworkVersion.objects.exists()


def test_the_minimal_file_is_valid():
    assert validate(minimal()) == []


def test_every_problem_is_listed_at_once():
    data = minimal()
    data["roles"][0]["requirements"][0]["target"] = 9
    data["certifications"][0]["status"] = "gone"
    del data["title"]
    with translation.override("en"):
        problems = validate(data)
    assert len(problems) == 3


def test_messages_are_translated_to_french():
    data = broken(set_key("roles.1.requirements.0.competencies", ["pytorh"]))
    with translation.override("fr"):
        assert validate(data) == ["roles[1].requirements[0].competencies[0]: compétence inconnue « pytorh »"]


def test_not_an_object_is_a_problem_not_a_crash():
    with translation.override("en"):
        assert validate([1, 2]) == ["(file): expected an object"]
        assert validate({"format": "kafaa-framework/1", "slug": "x", "title": t("x"), "levels": 3, "areas": "a"})


def test_a_valid_file_becomes_the_next_version(db):
    first = import_framework(data=minimal(), publish=True)
    second = import_framework(data=minimal())
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.status == "published" and second.status == "draft"
    assert second.competencies.count() == 4
    assert second.roles.get(code="engineer").requirements.count() == 2
