"""What the cohort pages show, computed with a fixed number of queries whatever the cohort's size."""

import csv

from django.urls import reverse
from django.utils.translation import gettext as _

from assessment import scoring
from assessment.cohorts import BANDS, averages, disagreements, distribution, levels_used, role_of, targets
from assessment.content import content_for
from assessment.models import Membership, Validation
from assessment.pages import band_text, percent, reason
from assessment.results import plan_for
from profiles.fields import translate

SORTS = {"name": "user__username", "status": "status", "readiness": "-readiness", "joined": "joined_at"}


def invite_path(cohort) -> str:
    return reverse("cohorts:join", args=[cohort.invite_code])


def filtered_members(cohort, params):
    """Members filtered by band, status or a competency below target, and sorted.

    Only known values are used (and echoed back): anything else, a NUL byte included, which
    PostgreSQL refuses in a query, is ignored as if the filter were not set.
    """
    known = {
        "band": BANDS,
        "status": Membership.Status.values,
        "below": content_for(cohort.framework.current_version()).competencies,
        "sort": SORTS,
    }
    filters = {key: params.get(key, "") if params.get(key, "") in values else "" for key, values in known.items()}
    members = cohort.memberships.select_related("user")
    if filters["band"]:
        members = members.filter(band=filters["band"])
    if filters["status"]:
        members = members.filter(status=filters["status"])
    if filters["below"]:
        members = members.filter(below_target__contains=f",{filters['below']},")
    return members.order_by(SORTS.get(filters["sort"], "joined_at"), "id"), filters


def _current_validations(attempt_ids) -> dict[int, dict[str, dict]]:
    """attempt id -> competency -> its latest validation (one query)."""
    current = {}
    for validation in Validation.objects.filter(attempt_id__in=attempt_ids).order_by("created_at", "id"):
        current.setdefault(validation.attempt_id, {})[validation.competency] = validation
    return current


def _levels(validations: dict) -> dict[str, int]:
    return {code: v.level for code, v in validations.items()}


def dashboard_context(cohort, page, filters, *, floor: int) -> dict:
    content = content_for(cohort.framework.current_version())
    goal = targets(content, cohort.target_role)
    shared = cohort.memberships.exclude(shared_attempt=None)
    rows = list(shared.values_list("band", "shared_attempt_id", "shared_attempt__result"))
    group = None
    if len(rows) >= floor:
        validations = _current_validations([attempt_id for _band, attempt_id, _result in rows])
        member_levels = [levels_used(result, _levels(validations.get(aid, {}))) for _band, aid, result in rows]
        group = {
            "distribution": [
                (band_text(band)[0], count, percent(count / len(rows)))
                for band, count in distribution([r[0] for r in rows])
            ],
            "averages": [
                {**row, "average": round(row["average"], 1)}
                for row in averages(content, cohort.target_role, member_levels)
            ],
        }
    return {
        "cohort": cohort,
        "role_name": translate(content.role_info[cohort.target_role].name),
        "page": page,
        "heatmap": _heatmap(content, goal, page.object_list),
        "filters": filters,
        "submitted": len(rows),
        "floor": floor,
        "group": group,
        "bands": [(band, band_text(band)[0]) for band in BANDS],
        "statuses": Membership.Status.choices,
        "competencies": [
            (code, translate(content.competencies[code].name)) for code in goal if code in content.competencies
        ],
    }


def _heatmap(content, goal: dict, members) -> dict:
    """Members of the page × competencies of the target role: level used against target."""
    members = list(members)
    attempt_ids = [m.shared_attempt_id for m in members if m.shared_attempt_id]
    results = dict(
        Membership.objects.filter(shared_attempt_id__in=attempt_ids).values_list(
            "shared_attempt_id", "shared_attempt__result"
        )
    )
    validations = _current_validations(attempt_ids)
    columns = [code for code in goal if code in content.competencies]
    rows = []
    for member in members:
        result = results.get(member.shared_attempt_id)
        levels = levels_used(result, _levels(validations.get(member.shared_attempt_id, {}))) if result else {}
        cells = [_cell(levels.get(code), goal[code]) for code in columns] if result else []
        label, _sentence = band_text(member.band) if member.band else ("", "")
        rows.append(
            {
                "member": member,
                "cells": cells,
                "band": label,
                "percent": percent(member.readiness) if member.readiness is not None else None,
            }
        )
    return {"columns": [(code, translate(content.competencies[code].name)) for code in columns], "rows": rows}


def _cell(level, target) -> dict:
    """A heatmap cell: the number, a symbol and a class, so colour is never the only cue."""
    if level is None:
        return {"level": "–", "symbol": "", "kind": "none"}
    if level >= target:
        return {"level": level, "symbol": "✓", "kind": "met"}
    if level == target - 1:
        return {"level": level, "symbol": "−1", "kind": "near"}
    return {"level": level, "symbol": f"−{target - level}", "kind": "far"}


def review_context(membership, form) -> dict:
    attempt = membership.shared_attempt
    result = attempt.result
    content = content_for(attempt.version)
    history = {}
    for validation in (
        Validation.objects.filter(attempt=attempt, membership=membership)
        .select_related("trainer")
        .order_by("-created_at", "-id")
    ):
        history.setdefault(validation.competency, []).append(validation)
    validated = {code: entries[0].level for code, entries in history.items()}
    discuss = disagreements(result, validated)
    target = membership.cohort.target_role
    goal = targets(content, target)
    rows = [
        {
            **c,
            "name": translate(c["name"]),
            "target": goal.get(c["code"]),
            "current": history.get(c["code"], [None])[0],
            "history": history.get(c["code"], [])[1:],
            "discuss": c["code"] in discuss,
        }
        for c in result["competencies"]
    ]
    role = role_of(content, target)
    self_levels = {c["code"]: c["verified"] for c in result["competencies"]}
    used = levels_used(result, validated)
    comparison = []
    for label, levels in (
        (_("With the candidate's verified levels"), self_levels),
        (_("With the validated levels"), used),
    ):
        assessed = scoring.assess_role(role, levels)
        plan = plan_for(content, levels, target, attempt.submitted_at.date())
        role_info = {"name": content.role_info[target].name}
        comparison.append(
            {
                "label": label,
                "percent": percent(assessed.readiness),
                "band": band_text(assessed.band)[0],
                "plan": [{**pick, "reason": reason(pick, role_info)} for pick in plan],
            }
        )
    return {
        "membership": membership,
        "cohort": membership.cohort,
        "rows": rows,
        "comparison": comparison,
        "form": form,
        "role_name": translate(content.role_info[target].name),
    }


def csv_rows(cohort):
    """The cohort's results, one row per candidate and competency, streamed (UTF-8 with a BOM for Excel)."""
    content = content_for(cohort.framework.current_version())
    goal = targets(content, cohort.target_role)
    members = cohort.memberships.exclude(shared_attempt=None).select_related("user", "shared_attempt")
    validations = _current_validations(cohort.memberships.values("shared_attempt_id"))
    roles = content.roles
    writer = csv.writer(_Echo())
    header = [
        _("Candidate"),
        _("E-mail"),
        _("Competency"),
        _("Self-rating"),
        _("Verified level"),
        _("Validated level"),
        _("Target"),
        _("Flags"),
    ] + [_("Readiness: {role}").format(role=translate(content.role_info[r.code].name)) for r in roles]
    yield "\ufeff" + writer.writerow(header)
    for member in members.iterator(chunk_size=200):
        result = member.shared_attempt.result
        current = validations.get(member.shared_attempt_id, {})
        levels = levels_used(result, _levels(current))
        readiness = [f"{scoring.assess_role(role, levels).readiness:.2f}" for role in roles]
        discuss = disagreements(result, _levels(current))
        for c in result["competencies"]:
            flags = [
                _("over") if "over" in c["flags"] else "",
                _("under") if "under" in c["flags"] else "",
                _("to discuss") if c["code"] in discuss else "",
            ]
            validated = current.get(c["code"])
            yield writer.writerow(
                [
                    member.user.get_full_name() or member.user.get_username(),
                    member.user.email,
                    translate(c["name"]),
                    c["self"],
                    c["verified"],
                    validated.level if validated else "",
                    goal.get(c["code"], ""),
                    " ".join(f for f in flags if f),
                    *readiness,
                ]
            )


class _Echo:
    def write(self, value):
        return value
