"""What the cohort pages show, computed with a fixed number of queries whatever the cohort's size."""

import csv

from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
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


def filtered_members(cohort, content, params):
    """Members filtered by band, status or a competency below target, and sorted.

    Only known values are used (and echoed back): anything else, a NUL byte included, which
    PostgreSQL refuses in a query, is ignored as if the filter were not set.
    """
    known = {
        "band": BANDS,
        "status": Membership.Status.values,
        "below": content.competencies,
        "sort": SORTS,
    }
    filters = {key: value if (value := params.get(key, "")) in values else "" for key, values in known.items()}
    members = cohort.memberships.select_related("user")
    if filters["band"]:
        members = members.filter(band=filters["band"])
    if filters["status"]:
        members = members.filter(status=filters["status"])
    if filters["below"]:
        members = members.filter(below_target__contains=f",{filters['below']},")
    return members.order_by(SORTS.get(filters["sort"], "joined_at"), "id"), filters


def _current_validations(membership_ids) -> dict[int, dict[str, dict]]:
    """membership id -> competency -> its latest validation of the shared attempt (one query).

    Scoped by membership: a candidate in two cohorts may share one attempt, and each cohort's
    trainers see only their own validations.
    """
    current = {}
    validations = Validation.objects.filter(
        membership_id__in=membership_ids, attempt_id=F("membership__shared_attempt_id")
    ).order_by("created_at", "id")
    for validation in validations:
        current.setdefault(validation.membership_id, {})[validation.competency] = validation
    return current


def _levels(validations: dict) -> dict[str, int]:
    return {code: v.level for code, v in validations.items()}


def dashboard_context(cohort, content, page, filters, *, floor: int) -> dict:
    goal = targets(content, cohort.target_role)
    shared = cohort.memberships.exclude(shared_attempt=None)
    rows = list(shared.values_list("band", "id", "shared_attempt__result"))
    group = None
    if len(rows) >= floor:
        validations = _current_validations([member_id for _band, member_id, _result in rows])
        member_levels = [levels_used(result, _levels(validations.get(mid, {}))) for _band, mid, result in rows]
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
    validations = _current_validations([m.pk for m in members if m.shared_attempt_id])
    columns = [code for code in goal if code in content.competencies]
    rows = []
    for member in members:
        result = results.get(member.shared_attempt_id)
        levels = levels_used(result, _levels(validations.get(member.pk, {}))) if result else {}
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
    # An attempt on an older version may not have the cohort's target role: levels only, then.
    comparable = target in content.role_info
    goal = targets(content, target) if comparable else {}
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
    context = {
        "membership": membership,
        "cohort": membership.cohort,
        "rows": rows,
        "comparison": [],
        "comparable": comparable,
        "form": form,
    }
    if not comparable:
        current = content_for(membership.cohort.framework.current_version())
        context["role_name"] = translate(current.role_info[target].name) if target in current.role_info else target
        return context
    role = role_of(content, target)
    self_levels = {c["code"]: c["verified"] for c in result["competencies"]}
    used = levels_used(result, validated)
    role_info = {"name": content.role_info[target].name}
    for label, levels in (
        (_("With the candidate's verified levels"), self_levels),
        (_("With the validated levels"), used),
    ):
        assessed = scoring.assess_role(role, levels)
        # As of today, like the candidate's own plan: retired certifications are never recommended.
        plan = plan_for(content, levels, target, timezone.localdate())
        context["comparison"].append(
            {
                "label": label,
                "percent": percent(assessed.readiness),
                "band": band_text(assessed.band)[0],
                "plan": [{**pick, "reason": reason(pick, role_info)} for pick in plan],
            }
        )
    context["role_name"] = translate(role_info["name"])
    return context


def csv_rows(cohort):
    """The cohort's results, one row per candidate and competency, streamed (UTF-8 with a BOM for Excel),
    in the trainer's language: French uses ";" between cells and a decimal comma."""
    content = content_for(cohort.framework.current_version())
    goal = targets(content, cohort.target_role)
    members = cohort.memberships.exclude(shared_attempt=None).select_related("user", "shared_attempt")
    validations = _current_validations(cohort.memberships.values("id"))
    roles = content.roles
    # Where "," is the decimal mark (French), Excel reads ";" as the separator.
    writer = csv.writer(_Echo(), delimiter=";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ",")
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
    yield "\ufeff" + writer.writerow(_safe(header))
    for member in members.iterator(chunk_size=200):
        result = member.shared_attempt.result
        current = validations.get(member.pk, {})
        levels = levels_used(result, _levels(current))
        readiness = [formats.number_format(scoring.assess_role(role, levels).readiness, 2) for role in roles]
        discuss = disagreements(result, _levels(current))
        for c in result["competencies"]:
            flags = [
                _("checks below the rating") if "over" in c["flags"] else "",
                _("may know more than rated") if "under" in c["flags"] else "",
                _("to discuss") if c["code"] in discuss else "",
            ]
            validated = current.get(c["code"])
            yield writer.writerow(
                _safe(
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
            )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(row: list) -> list:
    """Cells a spreadsheet would run as a formula (a name like "=HYPERLINK(…)") start with a quote."""
    return [f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell for cell in row]


class _Echo:
    def write(self, value):
        return value
