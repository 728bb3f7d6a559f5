"""Workflows of an attempt: start, save a page, submit."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from assessment.cohorts import summary
from assessment.content import content_for
from assessment.models import Attempt, Cohort, Membership, Validation, new_invite_code
from assessment.questionnaire import correctness, draw_checks
from assessment.results import build_result


class AttemptClosed(Exception):
    """The attempt was submitted: its answers can no longer change."""


def start_attempt(*, user, version) -> Attempt:
    """Continue the attempt in progress on this version, or start one with its checks drawn."""
    attempt = Attempt.objects.in_progress().filter(user=user, version=version).first()
    if attempt is None:
        attempt = Attempt.objects.create(user=user, version=version, drawn=draw_checks(content_for(version)))
        attempt_started(attempt=attempt)
    return attempt


@transaction.atomic
def save_page(*, attempt: Attempt, step: int, ratings: dict, answers: dict, done: bool) -> Attempt:
    """Merge a page's answers into the attempt; `done` marks the step as completed."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.is_submitted:
        raise AttemptClosed
    locked.ratings.update(ratings)
    for code, by_level in answers.items():
        locked.answers.setdefault(code, {}).update(by_level)
    if done and step not in locked.steps_done:
        locked.steps_done = sorted([*locked.steps_done, step])
    locked.save(update_fields=["ratings", "answers", "steps_done", "updated_at"])
    return locked


def submit_attempt(*, attempt: Attempt, today: date | None = None) -> bool:
    """Compute and store the result once; a second submit (double click, other tab) changes nothing."""
    attempt = Attempt.objects.select_related("version").get(pk=attempt.pk)  # the answers as last saved
    content = content_for(attempt.version)
    checks = correctness(content, attempt.drawn, attempt.answers)
    result = build_result(content, attempt.ratings, checks, today=today or timezone.localdate())
    with transaction.atomic():
        updated = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS).update(
            status=Attempt.Status.SUBMITTED, result=result, submitted_at=timezone.now()
        )
        if updated:
            attempt_submitted(attempt=Attempt.objects.select_related("version").get(pk=attempt.pk))
    return updated == 1


# Cohorts ------------------------------------------------------------------------------------------
@transaction.atomic
def create_cohort(*, trainer, name: str, framework, target_role: str, deadline=None, invite_expires_on=None) -> Cohort:
    cohort = Cohort.objects.create(
        name=name, framework=framework, target_role=target_role, deadline=deadline, invite_expires_on=invite_expires_on
    )
    cohort.trainers.add(trainer)
    return cohort


def renew_invitation(*, cohort: Cohort) -> Cohort:
    """A new code: the old link stops working."""
    cohort.invite_code = new_invite_code()
    cohort.invite_enabled = True
    cohort.save(update_fields=["invite_code", "invite_enabled"])
    return cohort


@transaction.atomic
def join_cohort(*, cohort: Cohort, user, shared_attempt: Attempt | None = None) -> Membership:
    """The candidate consents and joins; a submitted attempt they choose is shared at once."""
    membership, _created = Membership.objects.get_or_create(
        cohort=cohort, user=user, defaults={"consented_at": timezone.now()}
    )
    in_progress = Attempt.objects.in_progress().filter(user=user, version__framework=cohort.framework_id).exists()
    if shared_attempt is not None:
        share_attempt(membership=membership, attempt=shared_attempt)
    elif in_progress and membership.status == Membership.Status.INVITED:
        _set_status(membership, Membership.Status.IN_PROGRESS)
    return membership


def share_attempt(*, membership: Membership, attempt: Attempt) -> Membership:
    """Make `attempt` the result the cohort's trainers see; its review starts afresh."""
    membership.shared_attempt = attempt
    membership.reviewed_by = None
    _set_status(membership, Membership.Status.SUBMITTED, save=False)
    _summarise(membership)
    membership.save()
    return membership


def _set_status(membership: Membership, status: str, save: bool = True):
    membership.status = status
    membership.status_changed_at = timezone.now()
    if save:
        membership.save(update_fields=["status", "status_changed_at"])


def _summarise(membership: Membership):
    attempt = membership.shared_attempt
    content = content_for(attempt.version)
    if membership.cohort.target_role not in content.role_info:  # an older version without that role
        membership.readiness, membership.band, membership.below_target = None, "", ""
        return
    figures = summary(content, membership.cohort.target_role, attempt.result, validated_levels(attempt, membership))
    membership.readiness, membership.band, membership.below_target = (
        figures["readiness"], figures["band"], figures["below_target"])  # fmt: skip


def validated_levels(attempt: Attempt, membership: Membership) -> dict[str, int]:
    """The current validated level per competency (the latest validation of each)."""
    current = {}
    for validation in Validation.objects.filter(attempt=attempt, membership=membership).order_by("created_at", "id"):
        current[validation.competency] = validation.level
    return current


def attempt_started(*, attempt: Attempt):
    """Members who had not started are now in progress."""
    Membership.objects.filter(
        user=attempt.user_id, cohort__framework=attempt.version.framework_id, status=Membership.Status.INVITED
    ).update(status=Membership.Status.IN_PROGRESS, status_changed_at=timezone.now())


def attempt_submitted(*, attempt: Attempt):
    """The cohorts the candidate joined before submitting now see this result."""
    memberships = Membership.objects.filter(
        user=attempt.user_id, cohort__framework=attempt.version.framework_id, joined_at__lte=attempt.submitted_at
    ).select_related("cohort")
    for membership in memberships:
        share_attempt(membership=membership, attempt=attempt)


@transaction.atomic
def validate_level(*, membership: Membership, trainer, competency: str, level: int, comment: str) -> Validation:
    """Record the trainer's level for a competency; earlier values stay as history."""
    validation = Validation.objects.create(
        membership=membership, attempt=membership.shared_attempt, competency=competency, level=level,
        comment=comment, trainer=trainer,
    )  # fmt: skip
    _summarise(membership)
    membership.save(update_fields=["readiness", "band", "below_target"])
    return validation


def mark_reviewed(*, membership: Membership, trainer) -> Membership:
    membership.reviewed_by = trainer
    _set_status(membership, Membership.Status.REVIEWED, save=False)
    membership.save(update_fields=["reviewed_by", "status", "status_changed_at"])
    return membership
