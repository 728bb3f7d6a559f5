"""What each assessment page shows, prepared as plain values so templates stay simple and fast."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from assessment import charts
from assessment.content import content_for
from assessment.models import Attempt
from assessment.questionnaire import CHECK, DONT_KNOW, RATE, minutes_left, questions, steps
from assessment.results import plan_for
from profiles.fields import translate

BANDS = {
    "ready": (gettext_lazy("Ready"), gettext_lazy("You meet the profile, core skills included.")),
    "nearly": (gettext_lazy("Nearly ready"), gettext_lazy("You are close: a few gaps remain to close.")),
    "developing": (gettext_lazy("Developing"), gettext_lazy("A solid base, with several skills still to build.")),
    "early": (gettext_lazy("Early days"), gettext_lazy("The foundations of this profile are still ahead of you.")),
}


def band_text(band: str) -> tuple[str, str]:
    label, sentence = BANDS[band]
    return str(label), str(sentence)


def percent(value: float) -> int:
    """A share as a whole percent, halves rounded up.

    Through the shortest decimal that reads back as the float, so that 0.285 (stored as
    0.28499999…) gives 29, as it would by hand.
    """
    return int(Decimal(repr(value)) * 100 + Decimal("0.5"))


# Questionnaire ---------------------------------------------------------------------------------
def resume_url(attempt: Attempt, content) -> str:
    """The first step not saved yet, or the review page when all are."""
    done = set(attempt.steps_done)
    for step in steps(content):
        if step.index not in done:
            return reverse("assessment:step", args=[attempt.pk, step.index])
    return reverse("assessment:review", args=[attempt.pk])


def neighbour_url(attempt: Attempt, index: int, count: int, forward: bool) -> str:
    target = index + 1 if forward else index - 1
    if target >= count:
        return reverse("assessment:review", args=[attempt.pk])
    if target < 0:
        return reverse("assessment:dashboard")
    return reverse("assessment:step", args=[attempt.pk, target])


def preview_links(version, index: int, count: int) -> dict:
    def url(target):
        return reverse("assessment:preview", args=[version.pk, target]) if 0 <= target < count else None

    return {"version": version, "previous": url(index - 1), "next": url(index + 1)}


def step_context(content, attempt, all_steps, current, asked, form) -> dict:
    posted = form.posted() if form else {}
    errors = form.errors if form else {}
    if current.kind == RATE:
        rows = [_rating_row(content, attempt, competency, posted, errors) for competency in current.area.competencies]
    else:
        rows = [_question_row(attempt, question, posted, errors) for question in asked]
    if form is None and not attempt.version.is_draft:
        for row in rows:
            row["fragment"] = _fragment_key(attempt.version, row)
    done = set(attempt.steps_done)
    areas = [area.code for area in content.areas]
    unfinished = {step.area.code for step in all_steps if step.index not in done}
    return {
        "attempt": attempt,
        "area_number": areas.index(current.area.code) + 1,
        "area_count": len(areas),
        "areas_done": len(areas) - len(unfinished),
        "step": current,
        "area_name": translate(current.area.name),
        "rows": rows,
        "is_check": current.kind == CHECK,
        "index": current.index,
        "count": len(all_steps),
        "percent": round(100 * len(done) / len(all_steps)),
        "minutes_left": minutes_left(all_steps, done),
        "tampered": form.tampered if form else [],
        "errors": [row for row in rows if row["error"]],
    }


def _fragment_key(version, row) -> str:
    """A row of a frozen version renders the same for everyone who made the same choice: it is cached."""
    stamp = version.created_at.timestamp()
    return f"{version.pk}:{stamp}:{get_language()}:{row['key']}:{row.get('check', '')}:{row['selected']}"


def _rating_row(content, attempt, competency, posted, errors) -> dict:
    saved = attempt.ratings.get(competency.code)
    selected = posted.get(competency.code, "" if saved is None else str(saved))
    choices = [(0, translate(content.levels[0]["name"]), translate(content.levels[0]["meaning"]))] + [
        # .get: a draft being edited (seen in the preview) may still lack an anchor
        (value, translate(content.levels[value]["name"]), translate(competency.anchors.get(value)))
        for value in range(1, 5)
    ]
    return {
        "key": competency.code,
        "name": translate(competency.name),
        "description": translate(competency.description),
        "choices": [(str(value), name, text) for value, name, text in choices],
        "selected": selected,
        "error": errors.get(competency.code),
    }


def _question_row(attempt, question, posted, errors) -> dict:
    saved = attempt.answers.get(question.competency.code, {}).get(str(question.level))
    options = [(str(i), translate(option), "") for i, option in enumerate(question.check.options)]
    return {
        "key": question.key,
        "check": question.check.id,
        "name": translate(question.competency.name),
        "prompt": translate(question.check.prompt),
        "choices": options + [(str(DONT_KNOW), _("I don't know"), "")],
        "selected": posted.get(question.key, "" if saved is None else str(saved)),
        "error": errors.get(question.key),
    }


def review_context(content, attempt) -> dict:
    sections, missing = [], 0
    for step in steps(content):
        url = reverse("assessment:step", args=[attempt.pk, step.index])
        if step.kind == RATE:
            rows = []
            for competency in step.area.competencies:
                value = attempt.ratings.get(competency.code)
                missing += value is None
                name = translate(content.levels[value]["name"]) if value is not None else None
                rows.append(
                    {
                        "name": translate(competency.name),
                        "value": value,
                        "level": name,
                        "url": f"{url}#q-{competency.code}",
                    }
                )
            sections.append({"area": translate(step.area.name), "rows": rows, "url": url, "checks": None})
        else:
            rows = [
                _answer_row(attempt, question, url)
                for question in questions(content, step.area, attempt.drawn, attempt.ratings)
            ]
            answered = sum(1 for row in rows if row["answered"])
            sections[-1]["checks"] = {"answered": answered, "asked": len(rows), "url": url, "rows": rows}
    return {"attempt": attempt, "sections": sections, "missing": missing}


def _answer_row(attempt, question, url) -> dict:
    """A check as asked, with the option chosen (or none yet) and a link to its own question."""
    chosen = question.chosen(attempt.answers)
    answer = _("I don't know") if chosen == DONT_KNOW else translate(question.option(chosen)) or None
    return {
        "name": translate(question.competency.name),
        "prompt": translate(question.check.prompt),
        "answered": chosen is not None,
        "answer": answer,
        "url": f"{url}#q-{question.key}",
    }


# Result ------------------------------------------------------------------------------------------
def result_context(attempt: Attempt, target: str | None = None) -> dict:
    """The stored result; `target` (a role the candidate picks) recomputes only the certification plan."""
    result = attempt.result
    roles = {role["code"]: role for role in result["roles"]}
    plan = result["plan"]
    today = timezone.localdate()
    content = content_for(attempt.version)
    if target not in roles:
        target = result["target"]
    # A stored plan that recommends a certification retired since is recomputed as of today.
    if target != result["target"] or _has_retired(content, plan, today):
        levels = {c["code"]: c["verified"] for c in result["competencies"]}
        plan = plan_for(content, levels, target, today)
    entry = roles[result["entry"]]
    previous = (
        Attempt.objects.submitted()
        .filter(
            user=attempt.user_id, version__framework=attempt.version.framework_id, submitted_at__lt=attempt.submitted_at
        )
        .order_by("-submitted_at")
        .values("pk", "result", "submitted_at")
        .first()
    )
    history = Attempt.objects.filter(user=attempt.user_id).select_related("version__framework")
    validated, validation_ids = {}, []
    for validation in attempt.validations.select_related("trainer").order_by("created_at", "id"):
        validated[validation.competency] = validation
        validation_ids.append(validation.pk)
    reviews = [m.cohort.name for m in attempt.reviews.select_related("cohort") if m.status == "reviewed"]
    label, sentence = band_text(entry["band"])
    return {
        # The stored result never changes: its rendering is cached until a trainer adds to it or a
        # candidate leaves a cohort (its validations go), and for a day at most (plans are as of today).
        "cache_key": (target, tuple(sorted(validation_ids)), "|".join(reviews), today.isoformat()),
        "attempt": attempt,
        "result": result,
        "entry": {**entry, "percent": percent(entry["readiness"]), "band_label": label, "band_sentence": sentence},
        "profile": result["entry_profile"],
        "radar": charts.radar(result["radar"]),
        "competencies": _competency_rows(result, previous, validated),
        "reviews": reviews,
        "strengths": [c for c in result["competencies"] if c["target"] is not None and c["verified"] > c["target"]],
        "fit": roles.get(result["current_fit"]),
        "next_roles": [_role_card(roles[code], previous) for code in result["next_roles"]],
        "roles": [_role_card(role, previous) for role in result["roles"]],
        "target": roles[target],
        "plan": [{**pick, "reason": reason(pick, roles[target])} for pick in plan],
        "previous": previous,
        "history": history,
    }


def _has_retired(content, plan: list[dict], today) -> bool:
    """Whether a certification of a stored plan has retired since (retired ones are never recommended)."""
    retired = {c.code for c in content.certifications if c.is_retired(today)}
    return any(pick["code"] in retired for pick in plan)


def _trend(now: float, before: float | None) -> str | None:
    if before is None:
        return None
    if abs(now - before) < 1e-9:
        return "same"
    return "up" if now > before else "down"


def _competency_rows(result, previous, validated) -> list[dict]:
    before = {c["code"]: c["verified"] for c in previous["result"]["competencies"]} if previous else {}
    rows = []
    for position, competency in enumerate(result["competencies"]):
        gap = max(0, (competency["target"] or 0) - competency["verified"])
        rows.append(
            {
                **competency,
                "gap": gap,
                "position": position,
                "trend": _trend(competency["verified"], before.get(competency["code"])),
                "validated": validated.get(competency["code"]),
            }
        )
    rows.sort(key=lambda row: (-row["gap"], row["position"]))
    return rows


def _role_card(role, previous) -> dict:
    before = {r["code"]: r["readiness"] for r in previous["result"]["roles"]} if previous else {}
    label, _sentence = band_text(role["band"])
    return {
        **role,
        "percent": percent(role["readiness"]),
        "band_label": label,
        "top_gaps": role["gaps"][:3],
        "trend": _trend(role["readiness"], before.get(role["code"])),
    }


def reason(pick: dict, role: dict) -> str:
    """Why a certification is recommended, in the candidate's language."""
    items = ", ".join(
        ngettext("{name} ({count} level short)", "{name} ({count} levels short)", gap["short"]).format(
            name=translate(gap["name"]), count=gap["short"]
        )
        for gap in pick["covered"]
    )
    return _("addresses {percent} % of your gap to {role}: {items}").format(
        percent=percent(pick["score"]), role=translate(role["name"]), items=items
    )


def export(attempt: Attempt) -> dict:
    """The candidate's own answers and result, as a downloadable file."""
    return {
        "framework": attempt.version.framework.slug,
        "version": attempt.version.number,
        "started_at": attempt.started_at.isoformat(),
        "submitted_at": attempt.submitted_at.isoformat(),
        "self": attempt.ratings,
        "checks": attempt.answers,
        "result": attempt.result,
    }
