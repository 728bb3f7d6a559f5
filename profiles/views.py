from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from profiles.account import personal_data
from profiles.fields import translate
from profiles.forms import DeleteAccountForm, SignupForm
from profiles.models import (
    Area,
    CareerStep,
    Competency,
    FrameworkVersion,
    Requirement,
    RequirementCompetency,
    Role,
    is_trainer,
)

DEFAULT_FRAMEWORK = "ml-engineer"


def home(request):
    version = FrameworkVersion.objects.published().filter(framework__slug=DEFAULT_FRAMEWORK).first()
    entry = version.roles.filter(is_entry=True).first() if version else None
    return render(
        request,
        "profiles/home.html",
        {"entry_role": entry, "is_trainer": request.user.is_authenticated and is_trainer(request.user)},
    )


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Kafaa! Your candidate account is ready."))
        following = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(following, {request.get_host()}, request.is_secure())
        return redirect(following if safe else "home")
    return render(
        request,
        "registration/signup.html",
        {
            "form": form,
            "purge_days": settings.KAFAA_PURGE_UNFINISHED_DAYS,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@login_required
@require_GET
def account(request):
    return render(request, "registration/account.html")


@login_required
@require_GET
def account_data(request):
    response = JsonResponse(personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="kafaa-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Delete the account and everything attached to it, after the password is confirmed."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if form.is_valid():
        user = request.user
        with transaction.atomic():
            # axes keys its records by the username typed: they name the person too
            for model in (AccessAttempt, AccessFailureLog, AccessLog):
                model.objects.filter(username=user.get_username()).delete()
            user.delete()
        logout(request)
        messages.success(request, _("Your account and all your data have been deleted."))
        return redirect("home")
    return render(request, "registration/account_delete.html", {"form": form})


def role_detail(request, framework, code):
    """A role profile of the published framework: what the job is, what it takes, where it leads."""
    version = FrameworkVersion.objects.published().filter(framework__slug=framework).select_related("framework").first()
    if version is None:
        raise Http404
    links = RequirementCompetency.objects.select_related("competency")
    role = (
        Role.objects.filter(version=version, code=code)
        .prefetch_related(
            Prefetch("steps", CareerStep.objects.select_related("to_role")),
            Prefetch("requirements", Requirement.objects.prefetch_related(Prefetch("links", links))),
        )
        .first()
    )
    if role is None:
        raise Http404
    areas = Area.objects.filter(version=version).prefetch_related(
        Prefetch("competencies", Competency.objects.order_by("position"))
    )
    levels = {level.value: level.name for level in version.levels.all()}
    requirements = [
        {
            "name": translate(requirement.label)
            or " / ".join(translate(link.competency.name) for link in requirement.links.all()),
            "target": requirement.target,
            "level": levels.get(requirement.target),
            "core": requirement.weight >= 4,
        }
        for requirement in role.requirements.all()
    ]
    certifications = version.certifications.exclude(status="retired")
    return render(
        request,
        "profiles/role_detail.html",
        {
            "version": version,
            "role": role,
            "requirements": requirements,
            "areas": areas,
            "certifications": certifications,
        },
    )
