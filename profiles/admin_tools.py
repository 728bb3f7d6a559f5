"""Admin pages for framework versions: new draft, publish, upload, download, CASE export, compare."""

import json

from django import forms
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

    def _version(self, request, pk) -> FrameworkVersion:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(FrameworkVersion.objects.select_related("framework"), pk=pk)

    def _file(self, data: dict, name: str) -> HttpResponse:
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def upload_view(self, request):
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
        draft = new_draft(version=self._version(request, pk))
        messages.success(request, _("New draft {version}: edit it freely, then publish it.").format(version=draft))
        return redirect(reverse("admin:profiles_frameworkversion_change", args=[draft.pk]))

    def publish_view(self, request, pk):
        if request.method != "POST":
            return HttpResponse(status=405)
        version = self._version(request, pk)
        try:
            publish_draft(version=version)
        except InvalidFramework as error:
            context = {**self.admin_site.each_context(request), "version": version, "problems": error.problems,
                       "title": _("{version} cannot be published yet").format(version=version)}  # fmt: skip
            return TemplateResponse(request, "admin/profiles/frameworkversion/problems.html", context, status=400)
        messages.success(request, _("{version} is published: new attempts use it.").format(version=version))
        return redirect(reverse("admin:profiles_frameworkversion_change", args=[version.pk]))

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


def _display(change) -> dict:
    def shown(value):
        if isinstance(value, dict) and "fr" in value:
            return translate(value)
        return "" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value

    return {**change.__dict__, "old": shown(change.old), "new": shown(change.new)}
