"""Workflows of an attempt: start, save a page, submit."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from assessment.content import content_for
from assessment.models import Attempt
from assessment.questionnaire import correctness, draw_checks
from assessment.results import build_result


class AttemptClosed(Exception):
    """The attempt was submitted: its answers can no longer change."""


def start_attempt(*, user, version) -> Attempt:
    """Continue the attempt in progress on this version, or start one with its checks drawn."""
    attempt = Attempt.objects.in_progress().filter(user=user, version=version).first()
    if attempt is None:
        attempt = Attempt.objects.create(user=user, version=version, drawn=draw_checks(content_for(version)))
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
    updated = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS).update(
        status=Attempt.Status.SUBMITTED, result=result, submitted_at=timezone.now()
    )
    return updated == 1
