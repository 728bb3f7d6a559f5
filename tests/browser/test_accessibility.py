"""Every page passes axe-core (WCAG 2.2 AA rules) with no serious or critical violation, and the
main pages log no Content Security Policy violation."""

from pathlib import Path

import axe_playwright_python
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from assessment.content import content_for
from assessment.models import Attempt
from assessment.questionnaire import steps
from assessment.services import (
    create_cohort,
    join_cohort,
    mark_reviewed,
    save_page,
    start_attempt,
    submit_attempt,
    validate_level,
)
from profiles.models import TRAINER_GROUP
from profiles.services import new_draft
from tests.browser.conftest import PASSWORD, PHONE, log_in, screenshot

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}


def submitted(user, version, level=2):
    attempt = start_attempt(user=user, version=version)
    attempt.ratings = {code: level for code in version.competencies.values_list("code", flat=True)}
    attempt.save()
    submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def people(published):
    trainer = User.objects.create_user("karim", "k@example.ma", PASSWORD)
    trainer.groups.add(Group.objects.get_or_create(name=TRAINER_GROUP)[0])
    candidate = User.objects.create_user("amina", "a@example.ma", PASSWORD, first_name="Amina")
    newcomer = User.objects.create_user("youssef", "y@example.ma", PASSWORD)
    User.objects.create_superuser("nadia", "n@example.ma", PASSWORD)
    cohort = create_cohort(trainer=trainer, name="Promo", framework=published.framework, target_role="ml-engineer")
    membership = join_cohort(cohort=cohort, user=candidate)
    done = submitted(candidate, published)
    membership.refresh_from_db()
    validate_level(membership=membership, trainer=trainer, competency="python", level=3, comment="Solide en Python")
    mark_reviewed(membership=membership, trainer=trainer)
    open_attempt = start_attempt(user=candidate, version=published)
    save_page(attempt=open_attempt, step=0, ratings={"python": 1}, answers={}, done=False)
    big = create_cohort(trainer=trainer, name="Grande promo", framework=published.framework, target_role="ml-engineer")
    for number in range(settings.KAFAA_COHORT_PRIVACY_FLOOR):
        member = User.objects.create_user(f"member{number}", f"m{number}@example.ma", PASSWORD)
        join_cohort(cohort=big, user=member, shared_attempt=submitted(member, published, level=number % 5))
    return {
        "cohort": cohort, "membership": membership, "done": done, "open": open_attempt, "version": published,
        "big": big, "newcomer_result": submitted(newcomer, published), "draft": new_draft(version=published),
        "reset": (urlsafe_base64_encode(force_bytes(candidate.pk)), default_token_generator.make_token(candidate)),
    }  # fmt: skip


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    report = page.evaluate("options => axe.run(document, options)", RULES)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in report["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def version_admin(name, *args):
    return reverse(f"admin:profiles_frameworkversion_{name}", args=args)


def sign_up_with_errors(page):
    page.goto("/accounts/signup/")
    page.fill("#id_email", "not-an-address")
    page.click("main button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"  # the summary has the focus


def locked_out(page):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.fill("#id_username", "nobody")
        page.fill("#id_password", "wrong")
        page.click("main button[type=submit]")
    assert page.url.endswith("/accounts/login/") and page.locator("main h1").count() == 1
    assert page.title().startswith("Trop de tentatives")


def step_posted_incomplete(attempt):
    def action(page):
        page.goto(reverse("assessment:step", args=[attempt.pk, 0]))
        page.click("main button.btn-primary")  # python only is rated: the others are missing
        # autofocus moves to the summary once the page has loaded
        page.wait_for_function("document.activeElement.id === 'error-summary'", timeout=5000)

    return action


SHOTS = {"/": "home", "/accounts/signup/": "sign-up", "/accounts/login/": "log-in"}


def test_every_page_passes_axe(browser, live_server, people):
    done, open_attempt, cohort, membership = people["done"], people["open"], people["cohort"], people["membership"]
    step, review, result = "assessment:step", "assessment:review", "assessment:result"
    uid, token = people["reset"]
    questionnaire = [reverse(step, args=[open_attempt.pk, s.index]) for s in steps(content_for(people["version"]))]
    join = reverse("cohorts:join", args=[cohort.invite_code])
    member = reverse("cohorts:member", args=[cohort.pk, membership.pk])
    shots = {
        **SHOTS, reverse("assessment:dashboard"): "my-assessments", reverse("account"): "account", join: "join",
        member: "member-review",
    }  # fmt: skip
    pages = {
        None: [
            "/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/",
            reverse("role-detail", args=["ml-engineer", "ml-engineer"]), reverse("cohorts:join", args=["no-such-code"]),
            reverse("password_reset_done"), reverse("password_reset_confirm", args=[uid, token]),
            reverse("password_reset_complete"), sign_up_with_errors, locked_out,
        ],
        "amina": [
            reverse("assessment:dashboard"), *questionnaire, step_posted_incomplete(open_attempt),
            reverse(review, args=[open_attempt.pk]), reverse(result, args=[done.pk]), reverse("cohorts:list"),
            reverse("account"), reverse("account-delete"), reverse("password_change"),
        ],
        "youssef": [join, reverse(result, args=[people["newcomer_result"].pk])],
        "karim": [
            ("cohort-list", reverse("cohorts:list")), reverse("cohorts:create"),
            reverse("cohorts:detail", args=[cohort.pk]), reverse("cohorts:detail", args=[people["big"].pk]), member,
        ],
        "nadia": [
            reverse("assessment:preview", args=[people["version"].pk, 1]), "/admin/", version_admin("changelist"),
            version_admin("change", people["version"].pk), version_admin("change", people["draft"].pk),
            version_admin("upload"), version_admin("compare", people["version"].pk),
            reverse("admin:profiles_competency_change", args=[people["version"].competencies.first().pk]),
        ],
    }  # fmt: skip
    found, checked = [], 0
    for user, entries in pages.items():
        context = browser.new_context(viewport=PHONE, locale="fr-FR", base_url=live_server.url, bypass_csp=True)
        page = context.new_page()
        if user:
            log_in(page, user)
        for entry in entries:
            name, entry = entry if isinstance(entry, tuple) else (shots.get(entry), entry)
            if callable(entry):
                entry(page)
            else:
                page.goto(entry)
            if name:
                screenshot(page, name)
            found += violations(page)
            checked += 1
        context.close()
        AccessAttempt.objects.all().delete()  # the lock-out page locked this address out
    assert people["big"].memberships.exclude(shared_attempt=None).count() >= settings.KAFAA_COHORT_PRIVACY_FLOOR
    print(f"axe-core: {checked} pages checked, {len(found)} serious or critical violations")
    assert found == []
    assert Attempt.objects.count() == 3 + settings.KAFAA_COHORT_PRIVACY_FLOOR


INLINE_STYLE = "() => document.head.append(Object.assign(document.createElement('style'), {textContent: 'b{}'}))"


def csp_violations(page) -> list[str]:
    """Collects what Chromium logs when the Content Security Policy blocks something."""
    logged = []
    page.on("console", lambda message: logged.append(message.text))
    return logged


def test_main_pages_break_no_content_security_policy(browser, live_server, people):
    pages = {
        None: ["/", "/accounts/login/", "/accounts/signup/"],
        "amina": [reverse("assessment:dashboard"), reverse("assessment:step", args=[people["open"].pk, 0]),
                  reverse("assessment:result", args=[people["done"].pk])],
        "karim": [reverse("cohorts:detail", args=[people["big"].pk])],
        "nadia": [version_admin("change", people["draft"].pk)],
    }  # fmt: skip
    found = []
    for user, urls in pages.items():
        context = browser.new_context(viewport=PHONE, locale="fr-FR", base_url=live_server.url)
        page = context.new_page()
        logged = csp_violations(page)
        if user:
            log_in(page, user)
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
        found += [f"{user}: {text}" for text in logged if "Content Security Policy" in text]
        if user is None:  # the check itself: an inline style is blocked and logged
            before = len(logged)
            page.evaluate(INLINE_STYLE)
            page.wait_for_timeout(200)
            assert any("Content Security Policy" in text for text in logged[before:])
        context.close()
    assert found == []
