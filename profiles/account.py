"""A person's own data: everything Kafaa keeps about them, as one JSON document."""

from assessment.content import content_for
from assessment.models import Attempt, Membership, Validation
from assessment.questionnaire import CHECK, DONT_KNOW, questions, steps


def questions_asked(attempt) -> list[dict]:
    """Each knowledge check asked (on the check steps saved), with its prompt and the option chosen, so that
    `check_answers` (option numbers) can be read without the framework at hand; the right option once
    submitted (before, it would give the answers away)."""
    content = content_for(attempt.version)
    saved = [step.area for step in steps(content) if step.kind == CHECK and step.index in attempt.steps_done]
    result = []
    for area in saved:
        for question in questions(content, area, attempt.drawn, attempt.ratings):
            check, chosen = question.check, question.chosen(attempt.answers)
            result.append({
                "competency": question.competency.code,
                "level": question.level,
                "check_id": check.id,
                "prompt": check.prompt,
                "options": list(check.options),
                "chosen": chosen,
                "chosen_text": question.option(chosen),
                "dont_know": chosen == DONT_KNOW,
            })  # fmt: skip
            if attempt.is_submitted:
                result[-1].update(right_answer=check.answer, right_answer_text=check.options[check.answer])
    return result


def personal_data(user) -> dict:
    consent = getattr(user, "consent", None)
    attempts = Attempt.objects.filter(user=user).select_related("version__framework").order_by("started_at")
    memberships = Membership.objects.filter(user=user).select_related("cohort")
    comments = Validation.objects.filter(membership__user=user).select_related("trainer").order_by("created_at")
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "privacy_consent": {"notice": consent.notice, "accepted_at": consent.accepted_at.isoformat()}
            if consent
            else None,
        },
        "attempts": [
            {
                "framework": a.version.framework.slug,
                "version": a.version.number,
                "status": a.status,
                "started_at": a.started_at.isoformat(),
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                "self_ratings": a.ratings,
                "drawn_checks": a.drawn,
                "check_answers": a.answers,
                "questions_asked": questions_asked(a),
                "result": a.result,
            }
            for a in attempts
        ],
        "cohorts": [
            {
                "cohort": m.cohort.name,
                "joined_at": m.joined_at.isoformat(),
                "consented_at": m.consented_at.isoformat(),
                "status": m.status,
            }
            for m in memberships
        ],  # fmt: skip
        "trainer_comments": [
            {
                "competency": v.competency,
                "validated_level": v.level,
                "comment": v.comment,
                "trainer": v.trainer.get_username() if v.trainer else None,
                "at": v.created_at.isoformat(),
            }
            for v in comments
        ],  # fmt: skip
    }
