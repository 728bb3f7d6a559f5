"""A candidate's attempt at a framework's questionnaire, its answers and its frozen result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.models import FrameworkVersion


class AttemptQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(status=Attempt.Status.IN_PROGRESS)

    def submitted(self):
        return self.filter(status=Attempt.Status.SUBMITTED)


class Attempt(models.Model):
    """Answers are kept as JSON on the attempt: one row per attempt, read and written in one query."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="attempts", verbose_name=_("candidate")
    )
    version = models.ForeignKey(
        FrameworkVersion, models.PROTECT, related_name="attempts", verbose_name=_("framework version")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    ratings = models.JSONField(_("self-ratings"), default=dict, blank=True)  # {competency: 0–4}
    drawn = models.JSONField(_("drawn checks"), default=dict, blank=True)  # {competency: {"1": check id, …}}
    answers = models.JSONField(_("check answers"), default=dict, blank=True)  # {competency: {"1": option, …}}
    steps_done = models.JSONField(_("steps saved"), default=list, blank=True)  # indexes of the steps saved
    result = models.JSONField(_("result"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="in_progress", result__isnull=True)
                | models.Q(status="submitted", result__isnull=False, submitted_at__isnull=False),
                name="assessment_attempt_result_iff_submitted",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="assessment_attempt_user_status")]

    def __str__(self):
        return f"{self.user} · {self.version} · {self.get_status_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED
