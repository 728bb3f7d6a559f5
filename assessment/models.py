"""A candidate's attempt at a framework's questionnaire, its answers and its frozen result."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.models import Framework, FrameworkVersion


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


class CohortQuerySet(models.QuerySet):
    def of_trainer(self, user):
        return self.filter(trainers=user)


def new_invite_code() -> str:
    return secrets.token_urlsafe(12)


class Cohort(models.Model):
    """A group of candidates followed by one or more trainers through a programme."""

    name = models.CharField(_("name"), max_length=120)
    framework = models.ForeignKey(Framework, models.PROTECT, related_name="cohorts", verbose_name=_("framework"))
    target_role = models.SlugField(_("target role"), help_text=_("Code of a role of the framework."))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="trained_cohorts", verbose_name=_("trainers")
    )
    invite_code = models.CharField(_("invitation code"), max_length=32, unique=True, default=new_invite_code)
    invite_enabled = models.BooleanField(_("invitation open"), default=True)
    invite_expires_on = models.DateField(_("invitation expires on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    def invitation_is_open(self, today) -> bool:
        return self.invite_enabled and (self.invite_expires_on is None or today <= self.invite_expires_on)


class Membership(models.Model):
    """A candidate in a cohort, who consented to share their results with its trainers."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Joined, not started")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        REVIEWED = "reviewed", _("Reviewed")

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="memberships", verbose_name=_("cohort"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name=_("candidate")
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    consented_at = models.DateTimeField(_("consent given"))
    shared_attempt = models.ForeignKey(
        Attempt, models.SET_NULL, null=True, blank=True, related_name="reviews", verbose_name=_("shared attempt")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INVITED)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    # Summary of the shared result for the cohort's target role, kept for sorting and filtering.
    readiness = models.FloatField(_("readiness"), null=True, blank=True)
    band = models.CharField(_("band"), max_length=12, blank=True)
    below_target = models.TextField(_("competencies below target"), blank=True)  # ",code,code,"
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        ordering = ["cohort", "joined_at", "id"]
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="assessment_membership_once")]

    def __str__(self):
        return f"{self.user} · {self.cohort}"


class Validation(models.Model):
    """A trainer's validated level for one competency of a shared attempt; rows are never edited,
    so the latest is the current value and the earlier ones are its history."""

    membership = models.ForeignKey(Membership, models.CASCADE, related_name="validations")
    attempt = models.ForeignKey(Attempt, models.CASCADE, related_name="validations")
    competency = models.SlugField(_("competency"))
    level = models.PositiveSmallIntegerField(_("validated level"))
    comment = models.TextField(_("comment"), blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("trainer")
    )
    created_at = models.DateTimeField(_("validated on"), auto_now_add=True)

    class Meta:
        ordering = ["attempt", "competency", "-created_at", "-id"]
        verbose_name = _("validated level")
        verbose_name_plural = _("validated levels")
        constraints = [
            models.CheckConstraint(condition=models.Q(level__lte=4), name="assessment_validation_level_range"),
        ]

    def __str__(self):
        return f"{self.competency}: {self.level}"
