import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import pages
from assessment.content import content_for
from assessment.forms import AnswersForm, RatingsForm
from assessment.models import Attempt
from assessment.questionnaire import CHECK, draw_checks, questions, steps
from assessment.services import AttemptClosed, save_page, start_attempt, submit_attempt
from profiles.interchange import export_version, validate
from profiles.models import FrameworkVersion

DEFAULT_FRAMEWORK = "ml-engineer"
PREVIEW_RATING = 2  # a preview shows the checks of levels 1 to 3


def _attempt_for(request, pk) -> Attempt:
    """The user's own attempt, or 404 for anyone else's."""
    return get_object_or_404(Attempt.objects.select_related("version__framework"), pk=pk, user=request.user)


def _closed(request, attempt):
    messages.info(request, _("This assessment is submitted: its answers can no longer change."))
    return redirect("assessment:result", pk=attempt.pk)


@login_required
@require_GET
def dashboard(request):
    attempts = list(Attempt.objects.filter(user=request.user).select_related("version__framework"))
    published = FrameworkVersion.objects.published().filter(framework__slug=DEFAULT_FRAMEWORK).exists()
    return render(request, "assessment/dashboard.html", {"attempts": attempts, "can_start": published})


@login_required
@require_POST
def start(request):
    version = FrameworkVersion.objects.published().filter(framework__slug=DEFAULT_FRAMEWORK).first()
    if version is None:
        messages.error(request, _("No framework is published yet: please come back later."))
        return redirect("assessment:dashboard")
    attempt = start_attempt(user=request.user, version=version)
    return redirect(pages.resume_url(attempt, content_for(version)))


@login_required
@require_GET
def resume(request, pk):
    attempt = _attempt_for(request, pk)
    if attempt.is_submitted:
        return redirect("assessment:result", pk=attempt.pk)
    return redirect(pages.resume_url(attempt, content_for(attempt.version)))


@login_required
@require_http_methods(["GET", "POST"])
def step(request, pk, index):
    attempt = _attempt_for(request, pk)
    if attempt.is_submitted:
        return _closed(request, attempt)
    content = content_for(attempt.version)
    all_steps = steps(content)
    if index >= len(all_steps):
        raise Http404
    current = all_steps[index]
    asked = questions(content, current.area, attempt.drawn, attempt.ratings) if current.kind == CHECK else []
    form, status = None, 200
    if request.method == "POST":
        forward = "back" not in request.POST
        if current.kind == CHECK:
            form = AnswersForm(request.POST, questions=asked, complete=forward)
        else:
            form = RatingsForm(request.POST, codes=[c.code for c in current.area.competencies], complete=forward)
        if form.is_valid():
            ratings, answers = (form.values, {}) if current.kind != CHECK else ({}, form.values)
            try:
                save_page(attempt=attempt, step=index, ratings=ratings, answers=answers, done=forward)
            except AttemptClosed:
                return _closed(request, attempt)
            return redirect(pages.neighbour_url(attempt, index, len(all_steps), forward))
        status = 400 if form.tampered else 200
    context = pages.step_context(content, attempt, all_steps, current, asked, form)
    return render(request, "assessment/step.html", context, status=status)


@login_required
@require_GET
def preview(request, version, index):
    """A framework version's questionnaire as a candidate sees it, for admins; nothing is saved."""
    if not request.user.is_staff:
        raise Http404
    version = get_object_or_404(FrameworkVersion.objects.select_related("framework"), pk=version)
    content = content_for(version)
    all_steps = steps(content)
    if index >= len(all_steps):
        raise Http404
    current = all_steps[index]
    attempt = Attempt(version=version, drawn=draw_checks(content, random.Random(index)))  # never saved
    shown = {c.code: PREVIEW_RATING for c in current.area.competencies}
    asked = questions(content, current.area, attempt.drawn, shown) if current.kind == CHECK else []
    context = pages.step_context(content, attempt, all_steps, current, asked, None)
    context["preview"] = pages.preview_links(version, index, len(all_steps))
    # the page still shows; the problems say what a candidate would miss
    context["problems"] = validate(export_version(version)) if version.is_draft else []
    return render(request, "assessment/step.html", context)


@login_required
@require_GET
def review(request, pk):
    attempt = _attempt_for(request, pk)
    if attempt.is_submitted:
        return _closed(request, attempt)
    content = content_for(attempt.version)
    return render(request, "assessment/review.html", pages.review_context(content, attempt))


@login_required
@require_POST
def submit(request, pk):
    attempt = _attempt_for(request, pk)
    if not attempt.is_submitted:
        submit_attempt(attempt=attempt)
    return redirect("assessment:result", pk=attempt.pk)


def _submitted_attempt(request, pk) -> Attempt:
    attempt = _attempt_for(request, pk)
    if not attempt.is_submitted:
        raise Http404
    return attempt


@login_required
@require_GET
def result(request, pk):
    attempt = _attempt_for(request, pk)
    if not attempt.is_submitted:
        return redirect("assessment:review", pk=attempt.pk)
    return render(request, "assessment/result.html", pages.result_context(attempt, request.GET.get("target")))


@login_required
@require_GET
def result_pdf(request, pk):
    from weasyprint import HTML

    attempt = _submitted_attempt(request, pk)
    html = render(request, "assessment/report.html", pages.result_context(attempt)).content.decode()
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kafaa-result-{attempt.pk}.pdf"'
    return response


@login_required
@require_GET
def result_json(request, pk):
    attempt = _submitted_attempt(request, pk)
    response = JsonResponse(pages.export(attempt), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="kafaa-answers-{attempt.pk}.json"'
    return response
