from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from profiles.admin_tools import VersionToolsMixin
from profiles.fields import translate
from profiles.models import (
    Anchor,
    Area,
    CareerStep,
    Certification,
    CheckItem,
    Competency,
    Coverage,
    Framework,
    FrameworkVersion,
    Level,
    Requirement,
    RequirementCompetency,
    Role,
)


class DraftOnlyMixin:
    """Published and archived versions are shown read-only; only drafts can be edited."""

    def _editable(self, obj) -> bool:
        if obj is None:
            return True
        version = obj if isinstance(obj, FrameworkVersion) else obj.owning_version()
        return version.is_draft

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(obj)

    def has_add_permission(self, request, obj=None):
        allowed = (
            super().has_add_permission(request, obj)
            if isinstance(self, InlineModelAdmin)
            else super().has_add_permission(request)
        )
        return allowed and self._editable(obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Content can only be added to drafts."""
        if db_field.name == "version":
            kwargs["queryset"] = FrameworkVersion.objects.filter(status="draft")
        elif db_field.name in ("competency", "role", "certification") and db_field.related_model is not None:
            path = "version__status"
            kwargs["queryset"] = db_field.related_model.objects.filter(**{path: "draft"})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LabelledFormSet(forms.BaseInlineFormSet):
    """In a tabular inline the column heading is no label: each input gets its own accessible name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = _("row {number}").format(number=(index or 0) + 1)
        for field in form.fields.values():
            if not isinstance(field.widget, forms.MultiWidget):  # translations label each language
                field.widget.attrs.setdefault("aria-label", f"{field.label} ({row})")


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledFormSet


class VersionInline(admin.TabularInline):
    model = FrameworkVersion
    fields = ["number", "status", "title", "published_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["slug", "created_at"]
    search_fields = ["slug"]
    inlines = [VersionInline]


class LevelInline(DraftOnlyMixin, LabelledTabularInline):
    model = Level
    extra = 0


class AreaInline(DraftOnlyMixin, LabelledTabularInline):
    model = Area
    extra = 0
    show_change_link = True


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(VersionToolsMixin, DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["framework", "number", "status", "title_text", "competency_count", "attempt_count", "published_at"]
    list_filter = ["status", "framework"]
    search_fields = ["framework__slug", "title"]
    readonly_fields = ["status", "published_at"]
    inlines = [LevelInline, AreaInline]

    def get_queryset(self, request):
        counts = {
            "competency_count": Count("competencies", distinct=True),
            "attempt_count": Count("attempts", distinct=True),
        }
        return super().get_queryset(request).select_related("framework").annotate(**counts)

    @admin.display(description=_("attempts"), ordering="attempt_count")
    def attempt_count(self, obj):
        return obj.attempt_count

    @admin.display(description=_("title"))
    def title_text(self, obj):
        return translate(obj.title)

    @admin.display(description=_("competencies"), ordering="competency_count")
    def competency_count(self, obj):
        return obj.competency_count


class CompetencyInline(DraftOnlyMixin, LabelledTabularInline):
    model = Competency
    fields = ["code", "name", "position"]
    extra = 0
    show_change_link = True


@admin.register(Area)
class AreaAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "code", "version"]
    list_filter = ["version"]
    search_fields = ["code", "name"]
    inlines = [CompetencyInline]


class AnchorInline(DraftOnlyMixin, LabelledTabularInline):
    model = Anchor
    extra = 0
    max_num = 4


class CheckItemInline(DraftOnlyMixin, admin.StackedInline):
    model = CheckItem
    extra = 0


@admin.register(Competency)
class CompetencyAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "code", "area", "version", "check_count"]
    list_filter = ["version", "area__code"]
    search_fields = ["code", "name", "description"]
    list_select_related = ["area", "version__framework"]
    inlines = [AnchorInline, CheckItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(check_count=Count("checks"))

    @admin.display(description=_("knowledge checks"), ordering="check_count")
    def check_count(self, obj):
        return obj.check_count


@admin.register(CheckItem)
class CheckItemAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "competency", "level"]
    list_filter = ["level", "competency__version", "competency__area__code"]
    search_fields = ["competency__code", "prompt", "explanation"]
    list_select_related = ["competency"]


class SameVersionForm(forms.ModelForm):
    """Offers only the roles and competencies of one version: the page's, passed as `version_id`."""

    same_version_fields = ()

    def __init__(self, *args, version_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version_id is None and self.instance.pk:
            version_id = self.instance.owning_version().pk
        if version_id is not None:
            for name in (n for n in self.same_version_fields if n in self.fields):  # absent when read-only
                field = self.fields[name]
                field.queryset = field.queryset.model.objects.filter(version_id=version_id)


class SameVersionInlinesMixin:
    """Passes the page's version to its inline forms (see SameVersionForm)."""

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj is not None and obj.pk:
            kwargs["form_kwargs"] = {**kwargs.get("form_kwargs", {}), "version_id": obj.version_id}
        return kwargs


class CareerStepForm(SameVersionForm):
    same_version_fields = ("to_role",)

    class Meta:
        model = CareerStep
        fields = ["to_role", "position"]


class CareerStepInline(DraftOnlyMixin, LabelledTabularInline):
    model = CareerStep
    form = CareerStepForm
    fk_name = "from_role"
    extra = 0


class RequirementForm(SameVersionForm):
    """A requirement with the competencies it accepts, chosen among those of the same version."""

    chosen = forms.ModelMultipleChoiceField(
        queryset=Competency.objects.none(),
        label=_("competencies"),
        help_text=_("Several competencies mean that any one of them is enough."),
    )

    same_version_fields = ("chosen",)

    class Meta:
        model = Requirement
        fields = ["chosen", "target", "weight", "label", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["chosen"] = [link.competency_id for link in self.instance.links.all()]

    def clean(self):
        cleaned = super().clean()
        if len(cleaned.get("chosen") or []) > 1 and not cleaned.get("label"):
            self.add_error("label", _("Name the group, e.g. “A cloud platform”."))
        return cleaned

    def _save_m2m(self):
        """Runs after the requirement is saved, whether the admin saves with commit or not."""
        super()._save_m2m()
        chosen = list(self.cleaned_data["chosen"])
        self.instance.links.exclude(competency__in=chosen).delete()
        existing = set(self.instance.links.values_list("competency_id", flat=True))
        for position, competency in enumerate(chosen):
            if competency.pk not in existing:
                RequirementCompetency.objects.create(
                    requirement=self.instance, competency=competency, position=position
                )


class RequirementInline(DraftOnlyMixin, LabelledTabularInline):
    model = Requirement
    form = RequirementForm
    extra = 0
    show_change_link = True


@admin.register(Role)
class RoleAdmin(SameVersionInlinesMixin, DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "code", "rank", "is_entry", "version"]
    list_filter = ["version", "is_entry"]
    search_fields = ["code", "name", "description"]
    list_select_related = ["version__framework"]
    inlines = [CareerStepInline, RequirementInline]


@admin.register(Requirement)
class RequirementAdmin(DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "role", "target", "weight", "codes"]
    list_filter = ["role__version", "role__code"]
    search_fields = ["role__code", "label", "links__competency__code"]
    form = RequirementForm

    def has_add_permission(self, request):
        return False  # a requirement is added from its role's page, where its competencies can be chosen

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("role").prefetch_related("links__competency")

    @admin.display(description=_("competencies"))
    def codes(self, obj):
        return format_html_join(", ", "{}", ((link.competency.code,) for link in obj.links.all()))


class CoverageForm(SameVersionForm):
    same_version_fields = ("competency",)

    class Meta:
        model = Coverage
        fields = ["competency", "coverage", "position"]


class CoverageInline(DraftOnlyMixin, LabelledTabularInline):
    """A plain list of the version's competencies: an autocomplete would search every version."""

    model = Coverage
    form = CoverageForm
    extra = 0


@admin.register(Certification)
class CertificationAdmin(SameVersionInlinesMixin, DraftOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "code", "provider", "exam", "status", "retires_on", "version"]
    list_filter = ["status", "provider", "version"]
    search_fields = ["code", "name", "provider", "exam"]
    list_select_related = ["version__framework"]
    inlines = [CoverageInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
