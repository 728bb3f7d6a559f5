"""Skill frameworks: the content a questionnaire, a score and a plan are built from.

One FrameworkVersion holds a whole framework (levels, areas, competencies, roles,
certifications); everything below it belongs to exactly one version, so that results keep
pointing at the content they were computed from.
"""

from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from profiles.fields import OptionsField, TranslatedField, translate


class Framework(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("skill framework")
        verbose_name_plural = _("skill frameworks")

    def __str__(self):
        return self.slug

    def current_version(self):
        """The published version, or the latest one if none is published."""
        versions = self.versions.order_by("-number")
        return versions.published().first() or versions.first()

    def version(self, number: int | None = None):
        """Version `number`, or the current one when no number is given (None if there is none)."""
        return self.versions.filter(number=number).first() if number else self.current_version()


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FrameworkVersion.Status.PUBLISHED)


class FrameworkVersion(models.Model):
    """A whole framework at one point in time: a draft is edited, a published one never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    framework = models.ForeignKey(Framework, models.CASCADE, related_name="versions", verbose_name=_("framework"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    MOVES = {(Status.DRAFT, Status.PUBLISHED), (Status.PUBLISHED, Status.ARCHIVED)}

    class Meta:
        ordering = ["framework", "-number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="profiles_version_unique_number"),
            models.UniqueConstraint(
                fields=["framework"], condition=Q(status="published"), name="profiles_version_one_published"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="profiles_version_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "archived"]), name="profiles_version_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.framework.slug} v{self.number} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        """Only the status of a published version moves (draft → published → archived); nothing else changes."""
        stored = None
        if self.pk:
            stored = FrameworkVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is not None and stored != self.status:
            if (stored, self.status) not in self.MOVES:
                raise FrozenVersion(_("A framework version only moves from draft to published, then to archived."))
            fields = kwargs.get("update_fields")
            if stored != self.Status.DRAFT and not (fields and set(fields) <= {"status", "published_at"}):
                raise FrozenVersion
        elif stored not in (None, self.Status.DRAFT):
            raise FrozenVersion
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class FrozenVersion(Exception):
    """A published or archived framework version is never changed in place: make a new draft."""

    def __init__(self, message=None):
        super().__init__(message or _("This framework version is published: make a new draft to change it."))


class ContentQuerySet(models.QuerySet):
    """Bulk creates and deletes (many-to-many add, remove and clear go through them) refuse frozen versions.

    QuerySet.update() is left alone: it is the deliberate escape hatch (tests use it to show that a
    stored result does not depend on later edits).
    """

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        first, _sep, rest = self.model.version_path.partition("__")
        parents = {getattr(obj, f"{first}_id") for obj in objs}
        related = self.model._meta.get_field(first).related_model
        draft = {f"{rest}__status" if rest else "status": FrameworkVersion.Status.DRAFT}
        if parents and related._base_manager.filter(pk__in=parents).exclude(**draft).exists():
            raise FrozenVersion
        return super().bulk_create(objs, *args, **kwargs)

    def delete(self):
        self._refuse_if_frozen()
        return super().delete()

    def _refuse_if_frozen(self):
        if self.exclude(**{f"{self.model.version_path}__status": FrameworkVersion.Status.DRAFT}).exists():
            raise FrozenVersion


class VersionContent(models.Model):
    """Content of a framework version; saving or deleting it is refused once the version is published."""

    version_path = "version"  # how to reach the FrameworkVersion from this model

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def owning_version(self):
        return attrgetter(self.version_path.replace("__", "."))(self)

    def _refuse_if_frozen(self):
        """Both the version it belongs to and, once stored, the one it was stored in must be drafts."""
        frozen = self.owning_version().status != FrameworkVersion.Status.DRAFT
        if not frozen and self.pk:
            stored = type(self)._base_manager.filter(pk=self.pk)
            frozen = stored.exclude(**{f"{self.version_path}__status": FrameworkVersion.Status.DRAFT}).exists()
        if frozen:
            raise FrozenVersion


class Level(VersionContent):
    version = models.ForeignKey(FrameworkVersion, models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("value"))
    name = TranslatedField(_("name"))
    meaning = TranslatedField(_("meaning"), null=True, blank=True)

    class Meta:
        ordering = ["version", "value"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.UniqueConstraint(fields=["version", "value"], name="profiles_level_unique_value"),
            models.CheckConstraint(condition=Q(value__lte=4), name="profiles_level_value_range"),
        ]

    def __str__(self):
        return f"{self.value} · {translate(self.name)}"


class Area(VersionContent):
    version = models.ForeignKey(FrameworkVersion, models.CASCADE, related_name="areas")
    code = models.SlugField(_("code"))
    name = TranslatedField(_("name"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="profiles_area_unique_code")]

    def __str__(self):
        return translate(self.name)


class Competency(VersionContent):
    version = models.ForeignKey(FrameworkVersion, models.CASCADE, related_name="competencies")
    area = models.ForeignKey(Area, models.CASCADE, related_name="competencies", verbose_name=_("area"))
    code = models.SlugField(_("code"))
    name = TranslatedField(_("name"))
    description = TranslatedField(_("description"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "area__position", "position", "id"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="profiles_competency_unique_code")]

    def __str__(self):
        return translate(self.name)

    def clean(self):
        if self.area_id and self.version_id and self.area.version_id != self.version_id:
            raise ValidationError({"area": _("The area belongs to another version of the framework.")})


class Anchor(VersionContent):
    """What a person at this level does, for this competency."""

    version_path = "competency__version"

    competency = models.ForeignKey(Competency, models.CASCADE, related_name="anchors")
    level = models.PositiveSmallIntegerField(_("level"))
    text = TranslatedField(_("text"))

    class Meta:
        ordering = ["competency", "level"]
        verbose_name = _("level anchor")
        verbose_name_plural = _("level anchors")
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="profiles_anchor_unique_level"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="profiles_anchor_level_range"),
        ]

    def __str__(self):
        return f"{self.competency.code} {self.level}"


class CheckItem(VersionContent):
    """A multiple-choice knowledge check keyed to a level (1–3) of a competency."""

    version_path = "competency__version"

    competency = models.ForeignKey(Competency, models.CASCADE, related_name="checks")
    level = models.PositiveSmallIntegerField(_("level"))
    prompt = TranslatedField(_("question"))
    options = OptionsField(_("options"), help_text=_("One option per line, in the same order in every language."))
    answer = models.PositiveSmallIntegerField(_("correct option"), help_text=_("0 is the first option."))
    explanation = TranslatedField(_("explanation"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["competency", "level", "position", "id"]
        verbose_name = _("knowledge check")
        verbose_name_plural = _("knowledge checks")
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=3), name="profiles_check_level_range"),
        ]

    def __str__(self):
        return f"{self.competency.code} L{self.level}: {translate(self.prompt)[:60]}"

    def clean(self):
        from profiles.interchange import check_options

        check_options(self.options, self.answer)


class Role(VersionContent):
    class Period(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")

    class Basis(models.TextChoices):
        GROSS = "gross", _("gross")
        NET = "net", _("net")

    version = models.ForeignKey(FrameworkVersion, models.CASCADE, related_name="roles")
    code = models.SlugField(_("code"))
    name = TranslatedField(_("name"))
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("Seniority: grows along career steps."))
    is_entry = models.BooleanField(_("entry role"), default=False)
    description = TranslatedField(_("description"), null=True, blank=True)
    education = TranslatedField(_("usual education"), null=True, blank=True)
    conditions = TranslatedField(_("working conditions"), null=True, blank=True)
    salary_currency = models.CharField(_("salary currency"), max_length=3, blank=True)
    salary_min = models.PositiveIntegerField(_("salary minimum"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary maximum"), null=True, blank=True)
    salary_period = models.CharField(_("salary period"), max_length=5, choices=Period.choices, blank=True)
    salary_basis = models.CharField(_("salary basis"), max_length=5, choices=Basis.choices, blank=True)
    salary_note = TranslatedField(_("salary note"), null=True, blank=True)
    next_roles = models.ManyToManyField(
        "self", through="CareerStep", symmetrical=False, related_name="previous_roles", verbose_name=_("next roles")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="profiles_role_unique_code"),
            models.UniqueConstraint(fields=["version"], condition=Q(is_entry=True), name="profiles_role_one_entry"),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_max__isnull=True) | Q(salary_min__lte=F("salary_max")),
                name="profiles_role_salary_range",
            ),
        ]

    def __str__(self):
        return translate(self.name)

    @property
    def has_salary(self):
        return self.salary_min is not None and self.salary_max is not None


class CareerStep(VersionContent):
    version_path = "from_role__version"

    from_role = models.ForeignKey(Role, models.CASCADE, related_name="steps")
    to_role = models.ForeignKey(Role, models.CASCADE, related_name="+", verbose_name=_("next role"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["from_role", "position", "id"]
        verbose_name = _("career step")
        verbose_name_plural = _("career steps")
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="profiles_step_unique"),
            models.CheckConstraint(condition=~Q(from_role=F("to_role")), name="profiles_step_not_self"),
        ]

    def __str__(self):
        return f"{self.from_role.code} → {self.to_role.code}"

    def clean(self):
        if self.from_role_id and self.to_role_id and self.to_role.version_id != self.from_role.version_id:
            raise ValidationError({"to_role": _("Choose a role of the same framework version.")})


class Requirement(VersionContent):
    """One line of a role profile: any of its competencies at the target level, with a weight."""

    version_path = "role__version"

    role = models.ForeignKey(Role, models.CASCADE, related_name="requirements")
    competencies = models.ManyToManyField(Competency, through="RequirementCompetency", verbose_name=_("competencies"))
    target = models.PositiveSmallIntegerField(_("target level"))
    weight = models.PositiveSmallIntegerField(_("weight"), help_text=_("1 to 5; 4 or more is core to the role."))
    label = TranslatedField(_("label"), null=True, blank=True, help_text=_("Name of a group of competencies."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["role", "position", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(condition=Q(target__gte=1, target__lte=4), name="profiles_requirement_target_range"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=5), name="profiles_requirement_weight_range"),
        ]

    def __str__(self):
        return f"{self.role.code}: {translate(self.label) or self.pk}"


class RequirementCompetency(VersionContent):
    version_path = "requirement__role__version"

    requirement = models.ForeignKey(Requirement, models.CASCADE, related_name="links")
    competency = models.ForeignKey(Competency, models.CASCADE, related_name="+", verbose_name=_("competency"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["requirement", "position", "id"]
        verbose_name = _("required competency")
        verbose_name_plural = _("required competencies")
        constraints = [
            models.UniqueConstraint(fields=["requirement", "competency"], name="profiles_requirement_competency_once")
        ]

    def __str__(self):
        return self.competency.code

    def clean(self):
        _check_same_version(self.competency, self.requirement.role.version_id)


class Certification(VersionContent):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RETIRING = "retiring", _("Retiring")
        RETIRED = "retired", _("Retired")

    version = models.ForeignKey(FrameworkVersion, models.CASCADE, related_name="certifications")
    code = models.SlugField(_("code"))
    name = TranslatedField(_("name"))
    provider = models.CharField(_("provider"), max_length=200)
    exam = models.CharField(_("exam code"), max_length=50, blank=True)
    url = models.URLField(_("link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retires_on = models.DateField(_("retirement date"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="profiles_certification_unique_code"),
            models.CheckConstraint(
                condition=Q(status__in=["active", "retiring", "retired"]), name="profiles_certification_status_valid"
            ),
        ]

    def __str__(self):
        return translate(self.name)


class Coverage(VersionContent):
    """How much of a competency a certification covers: 1 a main exam domain, 0.5 a minor topic."""

    version_path = "certification__version"

    certification = models.ForeignKey(Certification, models.CASCADE, related_name="covers")
    competency = models.ForeignKey(Competency, models.CASCADE, related_name="+", verbose_name=_("competency"))
    coverage = models.FloatField(_("coverage"), choices=[(0.5, _("minor topic")), (1.0, _("main domain"))])
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["certification", "position", "id"]
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        constraints = [
            models.UniqueConstraint(fields=["certification", "competency"], name="profiles_coverage_once"),
            models.CheckConstraint(condition=Q(coverage__in=[0.5, 1.0]), name="profiles_coverage_value"),
        ]

    def __str__(self):
        return f"{self.certification.code} · {self.competency.code} ({self.coverage:g})"

    def clean(self):
        _check_same_version(self.competency, self.certification.version_id)


def _check_same_version(competency, version_id):
    if competency.version_id != version_id:
        raise ValidationError({"competency": _("Choose a competency of the same framework version.")})


TRAINER_GROUP = "trainer"


def is_trainer(user) -> bool:
    """Trainers are the members of the "trainer" group; admins are staff."""
    return user.groups.filter(name=TRAINER_GROUP).exists()


class Consent(models.Model):
    """A person's acceptance of the privacy notice at sign-up (Moroccan law 09-08, GDPR)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="consent")
    notice = models.CharField(_("notice version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")

    def __str__(self):
        return f"{self.user} · {self.notice} · {self.accepted_at:%Y-%m-%d}"
