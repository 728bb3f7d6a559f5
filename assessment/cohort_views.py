"""Cohorts: trainers' dashboards and reviews, candidates' invitations and memberships."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import cohort_pages as pages
from assessment import services
from assessment.cohort_forms import CohortForm, JoinForm, TrainerForm, ValidationForm
from assessment.content import content_for
from assessment.models import Attempt, Cohort, Membership
from profiles.models import is_trainer

MEMBERS_PER_PAGE = 50


def _cohort_for_trainer(request, pk) -> Cohort:
    """A cohort the user trains, or 404 for anyone else."""
    return get_object_or_404(Cohort.objects.of_trainer(request.user).select_related("framework"), pk=pk)


def _member_for_trainer(request, pk, member) -> Membership:
    cohort = _cohort_for_trainer(request, pk)
    return get_object_or_404(
        Membership.objects.select_related("user", "shared_attempt__version", "cohort__framework"),
        pk=member,
        cohort=cohort,
    )


def _own_membership(request, member) -> Membership:
    return get_object_or_404(Membership.objects.select_related("cohort"), pk=member, user=request.user)


@login_required
@require_GET
def cohort_list(request):
    trained = Cohort.objects.of_trainer(request.user).select_related("framework") if is_trainer(request.user) else []
    memberships = Membership.objects.filter(user=request.user).select_related("cohort", "shared_attempt")
    submitted = Attempt.objects.submitted().filter(user=request.user).select_related("version")
    return render(
        request,
        "assessment/cohorts/list.html",
        {
            "trained": trained,
            "memberships": memberships,
            "submitted": submitted,
            "is_trainer": is_trainer(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    if not is_trainer(request.user):
        raise Http404
    form = CohortForm(request.POST or None)
    if form.is_valid():
        cohort = services.create_cohort(trainer=request.user, **form.cleaned_data)
        messages.success(request, _("Cohort created. Share its invitation link with your candidates."))
        return redirect("cohorts:detail", pk=cohort.pk)
    return render(request, "assessment/cohorts/create.html", {"form": form})


@login_required
@require_GET
def cohort_detail(request, pk):
    cohort = _cohort_for_trainer(request, pk)
    content = content_for(cohort.framework.current_version())
    members, filters = pages.filtered_members(cohort, content, request.GET)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = pages.dashboard_context(cohort, content, page, filters, floor=settings.KAFAA_COHORT_PRIVACY_FLOOR)
    context["invite_url"] = request.build_absolute_uri(pages.invite_path(cohort))
    context["trainer_form"] = TrainerForm()
    return render(request, "assessment/cohorts/detail.html", context)


@login_required
@require_POST
def invitation(request, pk):
    cohort = _cohort_for_trainer(request, pk)
    action = request.POST.get("action")
    if action == "renew":
        services.renew_invitation(cohort=cohort)
        messages.success(request, _("A new invitation link is ready; the previous one no longer works."))
    elif action in ("disable", "enable"):
        cohort.invite_enabled = action == "enable"
        cohort.save(update_fields=["invite_enabled"])
        messages.success(request, _("Invitations are open.") if cohort.invite_enabled else _("Invitations are closed."))
    else:
        messages.error(request, _("Unknown action: nothing was changed."))
    return redirect("cohorts:detail", pk=cohort.pk)


@login_required
@require_POST
def add_trainer(request, pk):
    cohort = _cohort_for_trainer(request, pk)
    form = TrainerForm(request.POST)
    if form.is_valid():
        cohort.trainers.add(form.cleaned_data["username"])
        messages.success(request, _("Trainer added."))
    else:
        messages.error(request, " ".join(form.errors["username"]))
    return redirect("cohorts:detail", pk=cohort.pk)


@login_required
@require_GET
def export_csv(request, pk):
    cohort = _cohort_for_trainer(request, pk)
    response = StreamingHttpResponse(pages.csv_rows(cohort), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kafaa-cohort-{cohort.pk}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def member_review(request, pk, member):
    membership = _member_for_trainer(request, pk, member)
    if membership.shared_attempt is None:
        messages.info(request, _("This candidate has not shared a result yet."))
        return redirect("cohorts:detail", pk=pk)
    codes = {c["code"] for c in membership.shared_attempt.result["competencies"]}
    form = ValidationForm(request.POST or None, codes=codes)
    if request.method == "POST":
        if form.is_valid():
            services.validate_level(membership=membership, trainer=request.user, **form.cleaned_data)
            messages.success(request, _("Validated level saved."))
            return redirect(f"{request.path}#c-{form.cleaned_data['competency']}")
        messages.error(request, _("Nothing was saved: {errors}").format(errors=" ".join(sum(form.errors.values(), []))))
    return render(request, "assessment/cohorts/member.html", pages.review_context(membership, form))


@login_required
@require_POST
def member_reviewed(request, pk, member):
    membership = _member_for_trainer(request, pk, member)
    if membership.shared_attempt is None:
        raise Http404
    services.mark_reviewed(membership=membership, trainer=request.user)
    messages.success(request, _("Review marked as done; the candidate sees it on their result."))
    return redirect("cohorts:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def join(request, code):
    cohort = Cohort.objects.filter(invite_code=code).select_related("framework").first()
    if cohort is None or not cohort.invitation_is_open(timezone.localdate()):
        return render(request, "assessment/cohorts/invalid_invitation.html", status=404)
    if Membership.objects.filter(cohort=cohort, user=request.user).exists():
        messages.info(request, _("You are already a member of this cohort."))
        return redirect("cohorts:list")
    form = JoinForm(request.POST or None, user=request.user, cohort=cohort)
    if form.is_valid():
        services.join_cohort(cohort=cohort, user=request.user, shared_attempt=form.cleaned_data["attempt"])
        messages.success(request, _("You joined {cohort}.").format(cohort=cohort.name))
        return redirect("cohorts:list")
    trainers = ", ".join(t.get_full_name() or t.get_username() for t in cohort.trainers.all())
    return render(request, "assessment/cohorts/join.html", {"cohort": cohort, "form": form, "trainers": trainers})


@login_required
@require_POST
def leave(request, member):
    membership = _own_membership(request, member)
    name = membership.cohort.name
    membership.delete()  # with the trainers' validations: what they saw goes with the candidate
    messages.success(request, _("You left {cohort}; its trainers no longer see your results.").format(cohort=name))
    return redirect("cohorts:list")


@login_required
@require_POST
def share(request, member):
    membership = _own_membership(request, member)
    raw = request.POST.get("attempt", "")
    mine = Attempt.objects.submitted().filter(user=request.user, version__framework=membership.cohort.framework_id)
    attempt = mine.filter(pk=raw).first() if raw.isdecimal() else None
    if attempt is None:
        messages.error(request, _("Choose one of your submitted assessments: nothing was changed."))
    else:
        services.share_attempt(membership=membership, attempt=attempt)
        messages.success(
            request, _("The trainers of {cohort} now see this result.").format(cohort=membership.cohort.name)
        )
    return redirect("cohorts:list")
