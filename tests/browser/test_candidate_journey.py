"""A new candidate, on a phone, from sign-up to the result and its downloads."""

import json

from assessment.models import Attempt
from tests.browser.conftest import screenshot


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
