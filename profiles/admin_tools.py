"""Admin pages for framework versions: new draft, publish, upload, download, CASE export, compare."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles.case import case_package
from profiles.compare import compare
from profiles.fields import translate
from profiles.interchange import export_version
from profiles.models import FrameworkVersion
from profiles.services import InvalidFramework, import_framework, new_draft, publish_draft


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Framework file (JSON)"))


class VersionToolsMixin:
    change_form_template = "admin/profiles/frameworkversion/change_form.html"
    change_list_template = "admin/profiles/frameworkversion/change_list.html"

    def get_urls(self):
        def view(function, name, route):
            return path(route, self.admin_site.admin_view(function), name=f"profiles_frameworkversion_{name}")

        return [
            view(self.upload_view, "upload", "upload/"),
            view(self.new_draft_view, "new_draft", "<int:pk>/new-draft/"),
            view(self.publish_view, "publish", "<int:pk>/publish/"),
            view(self.download_view, "download", "<int:pk>/download/"),
            view(self.case_view, "case", "<int:pk>/case/"),
            view(self.compare_view, "compare", "<int:pk>/compare/"),
            *super().get_urls(),
        ]

    def _version(self, request, pk, allowed=None) -> FrameworkVersion:
        """The version, for a user with view permission and, when given, `allowed` (e.g. add)."""
        if not self.has_view_permission(request) or (allowed is not None and not allowed(request)):
            raise PermissionDenied
        return get_object_or_404(FrameworkVersion.objects.select_related("framework"), pk=pk)

    def _file(self, data: dict, name: str) -> HttpResponse:
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        problems = []
        if form.is_valid():
            try:
                data = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
                version = import_framework(data=data)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                problems = [_("The file is not valid JSON ({error}).").format(error=error)]
            except InvalidFramework as error:
                problems = error.problems
            else:
                messages.success(request, _("Imported as a new draft: {version}.").format(version=version))
                return redirect(reverse("admin:profiles_frameworkversion_change", args=[version.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "problems": problems,
            "title": _("Upload a framework file"),
        }
        return TemplateResponse(request, "admin/profiles/frameworkversion/upload.html", context)

    def new_draft_view(self, request, pk):
        if request.method != "POST":
            return HttpResponse(status=405)
        version = self._version(request, pk, allowed=self.has_add_permission)
        try:
            draft = new_draft(version=version)
        except InvalidFramework as error:
            title = _("No draft can be made from {version} until these problems are fixed").format(version=version)
            intro = _(
                "No draft was made. Fix each problem below in this version (the path says where), then try again."
            )
            return self._problems(request, version, error.problems, title, intro)
        messages.success(request, _("New draft {version}: edit it freely, then publish it.").format(version=draft))
        return redirect(reverse("admin:profiles_frameworkversion_change", args=[draft.pk]))

    def publish_view(self, request, pk):
        if request.method != "POST":
            return HttpResponse(status=405)
        version = self._version(request, pk, allowed=self.has_change_permission)
        try:
            publish_draft(version=version)
        except InvalidFramework as error:
            title = _("{version} cannot be published yet").format(version=version)
            return self._problems(request, version, error.problems, title)
        messages.success(request, _("{version} is published: new attempts use it.").format(version=version))
        return redirect(reverse("admin:profiles_frameworkversion_change", args=[version.pk]))

    def _problems(self, request, version, problems, title, intro=""):
        context = {**self.admin_site.each_context(request), "version": version, "problems": problems}
        context |= {"title": title, "intro": intro}
        return TemplateResponse(request, "admin/profiles/frameworkversion/problems.html", context, status=400)

    def download_view(self, request, pk):
        version = self._version(request, pk)
        return self._file(export_version(version), f"{version.framework.slug}-v{version.number}.json")

    def case_view(self, request, pk):
        version = self._version(request, pk)
        changed = (version.published_at or version.created_at).isoformat()
        base = request.build_absolute_uri(reverse("admin:profiles_frameworkversion_case", args=[version.pk]))
        package = case_package(export_version(version), status=version.status, changed_at=changed, base_uri=base)
        return self._file(package, f"{version.framework.slug}-v{version.number}-case.json")

    def compare_view(self, request, pk):
        version = self._version(request, pk)
        others = version.framework.versions.exclude(pk=version.pk)
        other = others.filter(pk=request.GET.get("with")).first() if request.GET.get("with", "").isdecimal() else None
        other = other or others.published().first() or others.first()
        changes = compare(export_version(other), export_version(version)) if other else []
        context = {
            **self.admin_site.each_context(request), "version": version, "other": other, "others": others,
            "changes": [_display(change) for change in changes],
        }  # fmt: skip
        context["title"] = (
            _("Changes from {old} to {new}").format(old=other, new=version) if other else _("Nothing to compare")
        )
        return TemplateResponse(request, "admin/profiles/frameworkversion/compare.html", context)


KINDS = {
    "competency": gettext_lazy("competency"),
    "check": gettext_lazy("knowledge check"),
    "role": gettext_lazy("role profile"),
    "requirement": gettext_lazy("requirement"),
    "certification": gettext_lazy("certification"),
}
WHAT = {"added": gettext_lazy("added"), "removed": gettext_lazy("removed"), "changed": gettext_lazy("changed")}
FIELDS = {
    "name": gettext_lazy("name"),
    "description": gettext_lazy("description"),
    "area": gettext_lazy("area"),
    "level": gettext_lazy("level"),
    "prompt": gettext_lazy("question"),
    "options": gettext_lazy("options"),
    "answer": gettext_lazy("correct option"),
    "explanation": gettext_lazy("explanation"),
    "rank": gettext_lazy("rank"),
    "entry": gettext_lazy("entry role"),
    "education": gettext_lazy("usual education"),
    "conditions": gettext_lazy("working conditions"),
    "salary": gettext_lazy("salary"),
    "next": gettext_lazy("next roles"),
    "provider": gettext_lazy("provider"),
    "exam": gettext_lazy("exam code"),
    "url": gettext_lazy("link"),
    "status": gettext_lazy("status"),
    "retires_on": gettext_lazy("retirement date"),
    "covers": gettext_lazy("coverage"),
}


def _display(change) -> dict:
    """The change in the admin's language; a changed text shows every language, so no edit hides."""

    def text(value):
        if change.what == "changed":
            order = [code for code, _name in settings.LANGUAGES] + sorted(value)  # PostgreSQL sorts JSON keys
            return " · ".join(f"{code}: {value[code]}" for code in dict.fromkeys(order) if code in value)
        return translate(value)

    def shown(value):
        if value is None:
            return ""
        if isinstance(value, dict) and "fr" in value:
            return text(value)
        if change.kind == "requirement" and isinstance(value, dict):
            summary = _("target {target}, weight {weight}").format(target=value["target"], weight=value["weight"])
            return f"{summary} · {text(value['label'])}" if value.get("label") else summary
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    field = change.field
    if change.kind == "requirement":
        field_label = field  # the codes of its competencies
    elif field.startswith("anchors."):
        field_label = _("anchor {level}").format(level=field.removeprefix("anchors."))
    else:
        field_label = str(FIELDS.get(field, field))
    return {
        **change.__dict__,
        "kind_label": str(KINDS.get(change.kind, change.kind)),
        "what_label": str(WHAT.get(change.what, change.what)),
        "field_label": field_label,
        "old": shown(change.old),
        "new": shown(change.new),
    }
