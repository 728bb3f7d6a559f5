"""An admin drafts, previews and publishes a version; a candidate completes a page with the keyboard alone."""

from django.contrib.auth.models import User

from assessment.models import Attempt
from profiles.models import FrameworkVersion
from tests.browser.conftest import PASSWORD, PHONE, log_in, screenshot


def test_an_admin_drafts_previews_and_publishes(browser, live_server, published):
    User.objects.create_superuser("nadia", "n@example.ma", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", base_url=live_server.url)
    page = context.new_page()
    log_in(page, "nadia")
    page.goto(f"/admin/profiles/frameworkversion/{published.pk}/change/")
    with page.expect_navigation():
        page.click("input[value='New draft from this version']")
    draft = FrameworkVersion.objects.get(status="draft")
    assert page.url.endswith(f"/admin/profiles/frameworkversion/{draft.pk}/change/")
    page.click("text=Preview the questionnaire")
    assert "nothing is saved" in page.inner_text("main")
    screenshot(page, "admin-preview")
    page.goto(f"/admin/profiles/frameworkversion/{draft.pk}/change/")
    with page.expect_navigation():
        page.click("input[value='Publish this draft']")
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == ("published", "archived")
    screenshot(page, "admin-published")
    context.close()


def test_the_questionnaire_with_the_keyboard_alone(browser, live_server, published):
    User.objects.create_user("amina", "a@example.ma", PASSWORD)
    context = browser.new_context(viewport=PHONE, locale="fr-FR", base_url=live_server.url)
    page = context.new_page()
    log_in(page, "amina")
    page.goto("/assessment/")
    start = page.locator("form[action='/assessment/start/'] button")
    start.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/0/")
    page.locator("input[name='rate-python']").first.focus()
    for _ in range(3):  # Python, SQL, R: each radio group is one tab stop; arrows choose the level
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML")
    assert "Enregistrer et continuer" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/step/1/")
    attempt = Attempt.objects.get()
    assert attempt.ratings == {"python": 2, "sql": 2, "r": 2}
    context.close()
