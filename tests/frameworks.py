"""A small valid framework file for tests; each test breaks one rule of a deep copy."""

import copy


def t(text: str) -> dict:
    return {"fr": f"{text} (fr)", "en": text}


def _competency(code: str, checks: bool = True) -> dict:
    competency = {
        "code": code,
        "name": t(code.title()),
        "anchors": {str(level): t(f"{code} at level {level}") for level in range(1, 5)},
    }
    if checks:
        competency["checks"] = [
            {"level": level, "prompt": t(f"{code} question {level}"), "options": [t("right"), t("wrong")], "answer": 0}
            for level in (1, 2, 3)
        ]
    return competency


MINIMAL = {
    "format": "kafaa-framework/1",
    "slug": "mini",
    "version": 1,
    "title": t("Mini framework"),
    "levels": [{"value": v, "name": t(f"Level {v}")} for v in range(5)],
    "areas": [
        {"code": "code", "name": t("Code"), "competencies": [_competency("python"), _competency("pytorch")]},
        {"code": "cloud", "name": t("Cloud"), "competencies": [_competency("aws"), _competency("gcp", checks=False)]},
    ],
    "roles": [
        {
            "code": "junior",
            "name": t("Junior"),
            "rank": 1,
            "next": ["engineer"],
            "requirements": [{"competencies": ["python"], "target": 2, "weight": 3}],
        },
        {
            "code": "engineer",
            "name": t("Engineer"),
            "rank": 2,
            "entry": True,
            "salary": {"currency": "MAD", "min": 160000, "max": 360000, "period": "year", "basis": "gross"},
            "next": ["senior"],
            "requirements": [
                {"competencies": ["python"], "target": 3, "weight": 5},
                {"competencies": ["aws", "gcp"], "target": 2, "weight": 3, "label": t("A cloud")},
            ],
        },
        {
            "code": "senior",
            "name": t("Senior"),
            "rank": 3,
            "requirements": [{"competencies": ["python"], "target": 4, "weight": 5}],
        },
    ],
    "certifications": [
        {
            "code": "cloud-cert",
            "name": t("Cloud cert"),
            "provider": "Cloud Inc.",
            "exam": "CC-01",
            "url": "https://example.com/cert",
            "status": "active",
            "covers": [{"competency": "aws", "coverage": 1}, {"competency": "python", "coverage": 0.5}],
        },
        {
            "code": "old-cert",
            "name": t("Old cert"),
            "provider": "Cloud Inc.",
            "status": "retired",
            "retires_on": "2024-05-31",
            "covers": [{"competency": "pytorch", "coverage": 1}],
        },
    ],
}


def minimal() -> dict:
    return copy.deepcopy(MINIMAL)
