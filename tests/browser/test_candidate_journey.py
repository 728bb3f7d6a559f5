"""A new candidate, on a phone, from sign-up to the result and its downloads."""

import json

from django.contrib.auth.models import User

from assessment.models import Attempt
from assessment.services import create_cohort, join_cohort, start_attempt, submit_attempt, validate_level
from tests.browser.conftest import PASSWORD, log_in, screenshot


def answer_current_page(page, choice=3):
    """Pick the same choice in every radio group of the page (the last one if fewer)."""
    names = page.eval_on_selector_all("main input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
    for name in names:
        group = page.locator(f"input[name='{name}']")
        group.nth(min(choice, group.count() - 1)).check()
    return len(names)


def test_sign_up_take_leave_resume_submit_and_download(phone, published):
    page = phone
    page.goto("/accounts/signup/")
    page.fill("#id_username", "salma")
    page.fill("#id_email", "salma@example.ma")
    page.fill("#id_password1", "gradient-descent-77")
    page.fill("#id_password2", "gradient-descent-77")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.goto("/assessment/")
    page.click("form[action='/assessment/start/'] button")
    screenshot(page, "questionnaire")
    assert page.locator("progress").count() == 1

    for _ in range(4):  # part of the questionnaire, then leave
        answer_current_page(page)
        page.click("main button.btn-primary")
    page.goto("/")
    page.goto("/assessment/")
    page.click("text=Continuer")
    attempt = Attempt.objects.get(user__username="salma")
    assert page.url.endswith(f"/assessment/{attempt.pk}/step/4/")

    while "/review/" not in page.url:
        answer_current_page(page)
        page.click("main button.btn-primary")
    screenshot(page, "review")
    page.click("main form button.btn-primary")
    page.wait_for_url(f"**/assessment/{attempt.pk}/result/")
    screenshot(page, "result")
    assert "Préparation au poste Machine Learning Engineer" in page.inner_text("main")
    assert page.locator("svg.kafaa-radar").count() == 1

    with page.expect_download() as pdf:
        page.click("text=Rapport PDF")
    assert open(pdf.value.path(), "rb").read(4) == b"%PDF"
    with page.expect_download() as answers:
        page.click("text=Mes réponses (JSON)")
    data = json.loads(open(answers.value.path(), encoding="utf-8").read())
    assert data["result"]["entry"] == "ml-engineer" and len(data["self"]) == 27

    page.click("text=Repasser l’évaluation")
    assert Attempt.objects.filter(user__username="salma").count() == 2
    assert "/step/0/" in page.url


def test_the_skill_table_reads_on_a_phone(phone, published):
    candidate = User.objects.create_user("nadia", "nadia@example.ma", PASSWORD)
    trainer = User.objects.create_user("omar", "omar@example.ma", PASSWORD)
    cohort = create_cohort(trainer=trainer, name="Promo", framework=published.framework, target_role="ml-engineer")
    attempt = start_attempt(user=candidate, version=published)
    attempt.ratings = {"python": 4, "docker": 1}
    attempt.save()
    submit_attempt(attempt=attempt)
    membership = join_cohort(cohort=cohort, user=candidate, shared_attempt=Attempt.objects.get(pk=attempt.pk))
    comment = "Des Dockerfiles multi-étapes solides, revus ensemble pendant le projet de fin de module."
    validate_level(membership=membership, trainer=trainer, competency="docker", level=3, comment=comment)
    log_in(phone, "nadia")
    phone.goto(f"/assessment/{attempt.pk}/result/")
    screenshot(phone, "result-skills-phone")
    table = phone.locator("table.kafaa-stack")
    # nothing of the table lies beyond the 390 px screen, so "Cible" and the notes are on screen
    assert phone.evaluate("() => document.querySelector('table.kafaa-stack').scrollWidth") <= 390
    assert table.locator("tbody tr").first.locator(".kafaa-cell-label").first.is_visible()
    box = phone.locator(".kafaa-comment").bounding_box()
    assert box["width"] > 250 and box["height"] < 80  # the comment runs across the width, a few lines at most
    assert comment in phone.inner_text("main")
