"""Turn answers into the stored result of an attempt: scoring plus what the result page shows.

The result is a plain JSON-able dict computed once at submit; the texts it shows (names of
competencies, roles, certifications) are copied in, so a later edit of the framework never
changes a stored result.
"""

from datetime import date

from assessment import scoring
from assessment.content import Content

GAPS_PER_ROLE = 3


def levels_from_answers(content: Content, ratings: dict, checks: dict) -> dict[str, scoring.Level]:
    """Self-ratings and check answers ({code: {level: bool}}) -> the candidate's level per competency."""
    levels = {}
    for code, competency in content.competencies.items():
        answers = {int(level): bool(right) for level, right in checks.get(code, {}).items()}
        levels[code] = scoring.verify(int(ratings.get(code, 0)), answers if competency.checks else {})
    return levels


def build_result(content: Content, ratings: dict, checks: dict, *, today: date, target: str | None = None) -> dict:
    levels = levels_from_answers(content, ratings, checks)
    used = {code: level.verified for code, level in levels.items()}
    assessed = {role.code: scoring.assess_role(role, used) for role in content.roles}
    fit = scoring.current_fit(content.roles, assessed)
    target = target or scoring.default_target(content.roles, assessed)
    entry = content.entry_role
    return {
        "framework": content.slug,
        "version": content.number,
        "computed_on": today.isoformat(),
        "entry": entry.code,
        "current_fit": fit,
        "next_roles": scoring.next_roles(content.roles, assessed, fit),
        "target": target,
        "areas": [{"code": area.code, "name": area.name} for area in content.areas],
        "competencies": [_competency(content, c, levels[c.code], entry) for c in content.competencies.values()],
        "roles": [_role(content, role, assessed[role.code]) for role in content.roles],
        "plan": plan_for(content, used, target, today),
        "radar": radar(content, entry, used),
        "entry_profile": _profile(content.role_info[entry.code]),
    }


def plan_for(content: Content, levels: dict[str, int], target: str, today: date) -> list[dict]:
    """The certification plan towards `target`, with what each pick covers."""
    role = next(role for role in content.roles if role.code == target)
    return [
        _pick(content, role, pick) for pick in scoring.certification_plan(role, levels, content.certifications, today)
    ]


def _profile(info) -> dict:
    return {
        "name": info.name,
        "description": info.description,
        "education": info.education,
        "conditions": info.conditions,
        "salary": info.salary,
    }


def _competency(content, competency, level: scoring.Level, entry: scoring.Role) -> dict:
    target = max((r.target for r in entry.requirements if competency.code in r.competencies), default=None)
    return {
        "code": competency.code,
        "name": competency.name,
        "area": competency.area,
        "self": level.self_rating,
        "verified": level.verified,
        "flags": list(level.flags),
        "target": target,
    }


def _requirement_name(content, role_code, requirement, position) -> dict:
    label = content.role_info[role_code].labels[position]
    if label:
        return label
    names = [content.competencies[code].name for code in requirement.competencies]
    return (
        names[0] if len(names) == 1 else {lang: " / ".join(n.get(lang) or n["fr"] for n in names) for lang in names[0]}
    )


def _gap(content, role_code, role, gap: scoring.Gap) -> dict:
    return {
        "competencies": list(gap.requirement.competencies),
        "name": _requirement_name(content, role_code, gap.requirement, gap.position),
        "target": gap.requirement.target,
        "level": gap.level,
        "weight": gap.requirement.weight,
        "gap": gap.gap,
        "short": gap.levels_short,
    }


def _role(content, role: scoring.Role, result: scoring.RoleResult) -> dict:
    info = content.role_info[role.code]
    return {
        "code": role.code,
        "name": info.name,
        "rank": role.rank,
        "readiness": result.readiness,
        "band": result.band,
        "gaps": [_gap(content, role.code, role, gap) for gap in result.gaps],
    }


def _pick(content, role: scoring.Role, pick: scoring.Pick) -> dict:
    info = content.certification_info[pick.code]
    return {
        "code": pick.code,
        "name": info.name,
        "provider": info.provider,
        "exam": info.exam,
        "url": info.url,
        "score": pick.score,
        "covered": [_gap(content, role.code, role, gap) for gap in pick.covered],
    }


def radar(content: Content, role: scoring.Role, levels: dict[str, int]) -> list[dict]:
    """Per area, the mean level and the mean target over the role's requirements in that area.

    A requirement belongs to the area of its first competency; areas the role does not ask for
    are left out.
    """
    sums = {}
    for requirement in role.requirements:
        area = content.competencies[requirement.competencies[0]].area
        level = scoring.requirement_level(requirement, levels)
        entry = sums.setdefault(area, [0, 0, 0])
        entry[0] += level
        entry[1] += requirement.target
        entry[2] += 1
    return [
        {"area": area.code, "name": area.name, "level": sums[area.code][0] / sums[area.code][2],
         "target": sums[area.code][1] / sums[area.code][2]}
        for area in content.areas
        if area.code in sums
    ]  # fmt: skip
