"""Cohort figures from shared results: levels used, readiness with validated levels, group figures.

Plain Python over stored results (dicts) and validations (code -> level), so a dashboard needs a
fixed number of queries whatever the number of members.
"""

from collections import Counter

from assessment import scoring
from assessment.content import Content

BANDS = ("ready", "nearly", "developing", "early")


def levels_used(result: dict, validated: dict[str, int]) -> dict[str, int]:
    """The level that counts per competency: the trainer's validated level, else the verified one."""
    return {c["code"]: validated.get(c["code"], c["verified"]) for c in result["competencies"]}


def disagreements(result: dict, validated: dict[str, int]) -> set[str]:
    """Competencies where self-rating and validated level differ by 2 or more: to discuss."""
    return {
        c["code"]
        for c in result["competencies"]
        if c["code"] in validated and abs(c["self"] - validated[c["code"]]) >= 2
    }


def role_of(content: Content, code: str) -> scoring.Role:
    return next(role for role in content.roles if role.code == code)


def summary(content: Content, target: str, result: dict, validated: dict[str, int]) -> dict:
    """Readiness, band and the competencies below target, for the cohort's target role."""
    role = role_of(content, target)
    levels = levels_used(result, validated)
    assessed = scoring.assess_role(role, levels)
    below = [code for r in role.requirements for code in r.competencies if levels.get(code, 0) < r.target]
    return {"readiness": assessed.readiness, "band": assessed.band, "below_target": "," + ",".join(below) + ","}


def targets(content: Content, target: str) -> dict[str, int]:
    """Target level per competency for the role (the highest when it appears in several requirements)."""
    result = {}
    for requirement in role_of(content, target).requirements:
        for code in requirement.competencies:
            result[code] = max(result.get(code, 0), requirement.target)
    return result


def distribution(bands: list[str]) -> list[tuple[str, int]]:
    counts = Counter(bands)
    return [(band, counts.get(band, 0)) for band in BANDS]


def averages(content: Content, target: str, member_levels: list[dict[str, int]]) -> list[dict]:
    """Per competency of the role: the members' average level against the target."""
    goal = targets(content, target)
    rows = []
    for code, competency in content.competencies.items():
        if code not in goal or not member_levels:
            continue
        mean = sum(levels.get(code, 0) for levels in member_levels) / len(member_levels)
        below = sum(1 for levels in member_levels if levels.get(code, 0) < goal[code])
        rows.append({"code": code, "name": competency.name, "average": mean, "target": goal[code], "below": below})
    return rows
