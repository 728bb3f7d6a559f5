"""Differences between two versions of a framework, computed on their interchange files."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    kind: str  # competency, check, role, requirement, certification
    code: str  # what it belongs to (a competency, role or certification code)
    what: str  # added, removed, changed
    field: str = ""
    old: object = None
    new: object = None


def compare(old: dict, new: dict) -> list[Change]:
    changes: list[Change] = []
    old_competencies, new_competencies = _competencies(old), _competencies(new)
    changes += _keyed("competency", old_competencies, new_competencies, skip={"checks"})
    for code in old_competencies.keys() & new_competencies.keys():
        changes += _checks(code, old_competencies[code].get("checks", []), new_competencies[code].get("checks", []))
    old_roles, new_roles = _by_code(old.get("roles", [])), _by_code(new.get("roles", []))
    changes += _keyed("role", old_roles, new_roles, skip={"requirements"})
    for code in old_roles.keys() & new_roles.keys():
        changes += _requirements(code, old_roles[code]["requirements"], new_roles[code]["requirements"])
    changes += _keyed("certification", _by_code(old.get("certifications", [])), _by_code(new.get("certifications", [])))
    return changes


def _by_code(items) -> dict:
    return {item["code"]: item for item in items}


def _competencies(data) -> dict:
    return {c["code"]: {**c, "area": area["code"]} for area in data["areas"] for c in area["competencies"]}


def _keyed(kind, old: dict, new: dict, skip=frozenset()) -> list[Change]:
    changes = [Change(kind, code, "added", new=new[code].get("name")) for code in new if code not in old]
    changes += [Change(kind, code, "removed", old=old[code].get("name")) for code in old if code not in new]
    for code in (c for c in new if c in old):
        for key in sorted((old[code].keys() | new[code].keys()) - skip - {"code"}):
            changes += _field_changes(kind, code, key, old[code].get(key), new[code].get(key))
    return changes


def _field_changes(kind, code, key, before, after) -> list[Change]:
    if before == after:
        return []
    if key == "anchors" and isinstance(before, dict) and isinstance(after, dict):
        return [
            Change(kind, code, "changed", f"anchors.{level}", before.get(level), after.get(level))
            for level in sorted(before.keys() | after.keys())
            if before.get(level) != after.get(level)
        ]
    return [Change(kind, code, "changed", key, before, after)]


def _checks(code, old: list, new: list) -> list[Change]:
    """Check items have no code: they are matched by their French prompt."""
    before, after = {c["prompt"]["fr"]: c for c in old}, {c["prompt"]["fr"]: c for c in new}
    changes = [Change("check", code, "added", new=after[p]["prompt"]) for p in after if p not in before]
    changes += [Change("check", code, "removed", old=before[p]["prompt"]) for p in before if p not in after]
    changes += [
        Change("check", code, "changed", key, before[p].get(key), after[p].get(key))
        for p in after
        if p in before
        for key in ("level", "prompt", "options", "answer", "explanation")
        if before[p].get(key) != after[p].get(key)
    ]
    return changes


def _requirements(role, old: list, new: list) -> list[Change]:
    """Requirements are matched by their set of competencies."""
    before = {" / ".join(sorted(r["competencies"])): r for r in old}
    after = {" / ".join(sorted(r["competencies"])): r for r in new}
    changes = [
        Change("requirement", role, "added", key, new=_summary(after[key])) for key in after if key not in before
    ]
    changes += [
        Change("requirement", role, "removed", key, old=_summary(before[key])) for key in before if key not in after
    ]
    changes += [
        Change("requirement", role, "changed", key, _summary(before[key]), _summary(after[key]))
        for key in after
        if key in before and before[key] != after[key]
    ]
    return changes


def _summary(requirement) -> dict:
    """What a requirement asks beyond its competencies (they are the key it is matched by)."""
    return {"target": requirement["target"], "weight": requirement["weight"], "label": requirement.get("label")}
