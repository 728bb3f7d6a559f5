"""A person's own data: everything Kafaa keeps about them, as one JSON document."""

from assessment.models import Attempt, Membership, Validation


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
                "check_answers": a.answers,
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
