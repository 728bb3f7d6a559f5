import json

import pytest
from django.core.management import CommandError, call_command

from profiles.services import import_framework
from tests.frameworks import minimal

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini(db):
    return import_framework(data=minimal(), publish=True)


def score(tmp_path, capsys, answers, *options):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers) if not isinstance(answers, str) else answers, encoding="utf-8")
    call_command("score_answers", str(path), *options)
    return json.loads(capsys.readouterr().out)


def test_scores_the_small_framework_by_hand(tmp_path, capsys, mini):
    answers = {"self": {"python": 3, "aws": 2, "gcp": 1}, "checks": {"python": {"1": True, "2": False, "3": True}}}
    output = score(tmp_path, capsys, answers, "--framework", "mini")
    assert (output["framework"], output["version"], output["target"]) == ("mini", 1, "engineer")
    assert output["levels"]["python"] == {"self": 3, "verified": 2, "flags": []}
    assert output["levels"]["aws"] == {"self": 2, "verified": 2, "flags": []}  # no check answers: keeps its rating
    assert output["levels"]["pytorch"] == {"self": 0, "verified": 0, "flags": []}  # missing counts as 0
    assert [role["code"] for role in output["roles"]] == ["junior", "engineer", "senior"]
    engineer = output["roles"][1]
    assert engineer["readiness"] == pytest.approx(16 / 21) and engineer["band"] == "nearly"
    assert engineer["gaps"] == [{"competencies": ["python"], "target": 3, "level": 2, "weight": 5, "gap": 5}]
    assert (output["current_fit"], output["next_roles"]) == ("junior", ["engineer"])
    assert output["certifications"] == [
        {"code": "cloud-cert", "score": 0.5, "reason": "addresses 50 % of your gap to engineer: python (1 level short)"}
    ]


def test_a_chosen_target_and_version(tmp_path, capsys, mini):
    output = score(
        tmp_path, capsys, {"self": {"python": 4}}, "--framework", "mini", "--version", "1", "--target", "senior"
    )
    assert output["target"] == "senior" and output["certifications"] == []  # python 4 meets the senior role


def test_the_default_framework_is_the_ml_engineer(tmp_path, capsys, ml_version):
    output = score(tmp_path, capsys, {"self": {}, "checks": {}})
    assert output["framework"] == "ml-engineer" and output["target"] == "ml-engineer"
    assert all(role["readiness"] == 0 for role in output["roles"])


@pytest.mark.parametrize(
    "answers, message",
    [
        ("{not json", "not valid JSON"),
        ({"self": {"pytorh": 2}}, 'self.pytorh: unknown competency "pytorh"'),
        ({"self": {"python": 5}}, "self.python: level 5 is not a whole number from 0 to 4"),
        ({"self": {"python": "3"}}, "self.python: level '3' is not a whole number"),
        ({"checks": {"python": {"4": True}}}, "checks.python.4: expected a level 1–3 with true or false"),
        ({"checks": {"python": {"1": "yes"}}}, "checks.python.1: expected a level 1–3"),
        ({"answers": {}}, 'expected an object with "self" and "checks"'),
    ],
)
def test_a_bad_file_says_what_is_wrong(tmp_path, capsys, mini, answers, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")) as error:
        score(tmp_path, capsys, answers, "--framework", "mini")
    assert error.value.returncode == 1


def test_unknown_framework_version_or_role(tmp_path, capsys, mini):
    with pytest.raises(CommandError, match='No framework "nope"'):
        score(tmp_path, capsys, {}, "--framework", "nope")
    with pytest.raises(CommandError, match="no version 4"):
        score(tmp_path, capsys, {}, "--framework", "mini", "--version", "4")
    with pytest.raises(CommandError, match='Unknown role "boss"'):
        score(tmp_path, capsys, {}, "--framework", "mini", "--target", "boss")
