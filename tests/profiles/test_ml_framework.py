"""The shipped ML Engineer framework carries every fact of the seed profile, in French and English."""

import pytest

from profiles.interchange import validate

SEED_SKILLS = [
    "python",
    "sql",
    "r",
    "tensorflow",
    "pytorch",
    "scikit-learn",
    "mlflow",
    "kubeflow",
    "docker",
    "kubernetes",
    "aws",
    "azure",
    "gcp",
    "rigour",
    "analytical-thinking",
    "communication",
    "teamwork",
]
# One competency per mission of the seed (collaboration is the teamwork soft skill).
SEED_MISSIONS = [
    "model-design",
    "data-preparation",
    "ml-pipelines",
    "model-deployment",
    "model-evaluation",
    "model-maintenance",
    "teamwork",
    "documentation",
    "data-compliance",
    "tech-watch",
    "team-enablement",
]
NOT_QUIZZED_AREAS = {"professional-practice", "soft-skills"}


def competencies(data):
    return {c["code"]: (area["code"], c) for area in data["areas"] for c in area["competencies"]}


def texts(node, path="$"):
    """Every translation object in the file, with its path."""
    if isinstance(node, dict):
        if "fr" in node and all(isinstance(v, str) for v in node.values()):
            yield path, node
        else:
            for key, value in node.items():
                yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, f"{path}[{i}]")


def test_the_file_is_valid(ml_data):
    assert validate(ml_data) == []


def test_every_text_is_in_french_and_english(ml_data):
    missing = [path for path, text in texts(ml_data) if not text.get("en") or not text.get("fr")]
    assert missing == []


def test_every_skill_and_mission_of_the_seed_is_a_competency(ml_data):
    codes = competencies(ml_data)
    assert set(SEED_SKILLS + SEED_MISSIONS) <= set(codes)
    assert "Product Managers" in codes["teamwork"][1]["description"]["en"].title()


def test_every_competency_has_its_own_anchors(ml_data):
    anchors = [
        tuple(c["anchors"][str(level)]["en"] for level in range(1, 5)) for _area, c in competencies(ml_data).values()
    ]
    assert all(len(set(levels)) == 4 for levels in anchors)
    assert len(set(anchors)) == len(anchors)


def test_every_technical_competency_has_two_checks_per_level(ml_data):
    for code, (area, competency) in competencies(ml_data).items():
        if area in NOT_QUIZZED_AREAS:
            continue
        levels = [check["level"] for check in competency.get("checks", [])]
        assert all(levels.count(level) >= 2 for level in (1, 2, 3)), code
        assert all(check.get("explanation") for check in competency["checks"]), code


def test_answer_keys_are_spread_over_the_options(ml_data):
    answers = [check["answer"] for _a, c in competencies(ml_data).values() for check in c.get("checks", [])]
    for position in range(4):
        assert answers.count(position) >= len(answers) / 8, position


def test_roles_follow_the_seed(ml_data):
    roles = {role["code"]: role for role in ml_data["roles"]}
    assert set(roles) == {
        "junior-ml-engineer",
        "ml-engineer",
        "senior-ml-engineer",
        "lead-ml",
        "mlops-architect",
        "ai-architect",
        "chief-ai-officer",
    }
    entry = roles["ml-engineer"]
    assert entry["entry"] is True and [r for r in roles.values() if r.get("entry")] == [entry]
    salary = entry["salary"]
    assert (salary["currency"], salary["min"], salary["max"], salary["period"], salary["basis"]) == (
        "MAD",
        160000,
        360000,
        "year",
        "gross",
    )
    assert "indicati" in salary["note"]["fr"].lower()
    assert "Bac+5" in entry["education"]["fr"]
    for subject in ("informatique", "intelligence artificielle", "data science", "mathématiques appliquées"):
        assert subject in entry["education"]["fr"].lower(), subject
    assert "hybride" in entry["conditions"]["fr"].lower()
    assert roles["junior-ml-engineer"]["rank"] < entry["rank"] < roles["senior-ml-engineer"]["rank"]


def test_any_of_groups_for_a_deep_learning_framework_and_a_cloud(ml_data):
    entry = next(role for role in ml_data["roles"] if role["code"] == "ml-engineer")
    groups = [sorted(req["competencies"]) for req in entry["requirements"] if len(req["competencies"]) > 1]
    assert ["pytorch", "tensorflow"] in groups and ["aws", "azure", "gcp"] in groups
    assert all(req.get("label") for req in entry["requirements"] if len(req["competencies"]) > 1)


@pytest.mark.parametrize(
    "code, status",
    [
        ("gcp-pmle", "active"),
        ("coursera-ml-specialization", "active"),
        ("aws-ml-engineer-associate", "active"),
        ("azure-ai-engineer", "retired"),
        ("aws-ml-specialty", "retired"),
        ("tensorflow-developer", "retired"),
        ("databricks-ml-associate", "active"),
        ("databricks-ml-professional", "active"),
        ("cka", "active"),
        ("ckad", "active"),
        ("dl-specialization", "active"),
    ],
)
def test_certifications_with_their_status(ml_data, code, status):
    certifications = {c["code"]: c for c in ml_data["certifications"]}
    assert certifications[code]["status"] == status
