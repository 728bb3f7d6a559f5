"""Every page passes axe-core (WCAG 2.2 AA rules) with no serious or critical violation."""

from pathlib import Path

import axe_playwright_python
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from assessment.models import Attempt
from assessment.services import create_cohort, join_cohort, save_page, start_attempt, submit_attempt
from profiles.models import TRAINER_GROUP
from tests.browser.conftest import PASSWORD, PHONE, log_in

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}


@pytest.fixture
def people(published):
    trainer = User.objects.create_user("karim", "k@example.ma", PASSWORD)
    trainer.groups.add(Group.objects.get_or_create(name=TRAINER_GROUP)[0])
    candidate = User.objects.create_user("amina", "a@example.ma", PASSWORD, first_name="Amina")
    User.objects.create_superuser("nadia", "n@example.ma", PASSWORD)
    cohort = create_cohort(trainer=trainer, name="Promo", framework=published.framework, target_role="ml-engineer")
    membership = join_cohort(cohort=cohort, user=candidate)
    done = start_attempt(user=candidate, version=published)
    done.ratings = {code: 2 for code in published.competencies.values_list("code", flat=True)}
    done.save()
    submit_attempt(attempt=done)
    open_attempt = start_attempt(user=candidate, version=published)
    save_page(attempt=open_attempt, step=0, ratings={"python": 1}, answers={}, done=False)
    return {"cohort": cohort, "membership": membership, "done": done, "open": open_attempt, "version": published}


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


def test_every_page_passes_axe(browser, live_server, people):
    done, open_attempt, cohort, membership = people["done"], people["open"], people["cohort"], people["membership"]
    step, review, result = "assessment:step", "assessment:review", "assessment:result"
    pages = {
        None: [
            "/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/",
            reverse("role-detail", args=["ml-engineer", "ml-engineer"]), reverse("cohorts:join", args=["no-such-code"]),
        ],
        "amina": [
            reverse("assessment:dashboard"),
            reverse(step, args=[open_attempt.pk, 0]), reverse(step, args=[open_attempt.pk, 1]),
            reverse(review, args=[open_attempt.pk]), reverse(result, args=[done.pk]), reverse("cohorts:list"),
            reverse("account"), reverse("account-delete"), reverse("password_change"),
        ],
        "karim": [
            reverse("cohorts:list"), reverse("cohorts:create"), reverse("cohorts:detail", args=[cohort.pk]),
            reverse("cohorts:member", args=[cohort.pk, membership.pk]),
        ],
        "nadia": [
            reverse("assessment:preview", args=[people["version"].pk, 1]), "/admin/", version_admin("changelist"),
            version_admin("change", people["version"].pk), version_admin("upload"),
            version_admin("compare", people["version"].pk),
            reverse("admin:profiles_competency_change", args=[people["version"].competencies.first().pk]),
        ],
    }  # fmt: skip
    found, checked = [], 0
    for user, urls in pages.items():
        context = browser.new_context(viewport=PHONE, locale="fr-FR", base_url=live_server.url, bypass_csp=True)
        page = context.new_page()
        if user:
            log_in(page, user)
        for url in urls:
            page.goto(url)
            found += violations(page)
            checked += 1
        context.close()
    print(f"axe-core: {checked} pages checked, {len(found)} serious or critical violations")
    assert found == []
    assert Attempt.objects.count() == 2
