"""A trainer creates a cohort, a candidate joins with the link, the trainer validates a level, the candidate sees it."""

from django.contrib.auth.models import Group, User

from assessment.models import Attempt, Membership
from profiles.models import TRAINER_GROUP
from tests.browser.conftest import PASSWORD, log_in, screenshot


def test_cohort_from_invitation_to_validated_level(browser, live_server, published):
    trainer = User.objects.create_user("karim", "karim@example.ma", PASSWORD, first_name="Karim")
    trainer.groups.add(Group.objects.get_or_create(name=TRAINER_GROUP)[0])  # flushed by earlier live-server tests
    User.objects.create_user("amina", "amina@example.ma", PASSWORD)
    contexts = [
        browser.new_context(viewport=size, locale="fr-FR", base_url=live_server.url)
        for size in ({"width": 1280, "height": 900}, {"width": 390, "height": 844})
    ]
    teacher, learner = (context.new_page() for context in contexts)

    log_in(teacher, "karim")
    teacher.goto("/cohorts/new/")
    teacher.fill("#id_name", "Promo IA Casablanca")
    teacher.click("main button[type=submit]")
    link = teacher.input_value("#invite-url")
    screenshot(teacher, "cohort-dashboard-empty")

    log_in(learner, "amina")
    learner.goto(link)
    assert "Ce que verront les formateurs" in learner.inner_text("main")
    learner.check("#id_consent")
    learner.click("main button[type=submit]")
    assert Membership.objects.filter(user__username="amina").exists()
    learner.goto("/assessment/")
    learner.click("form[action='/assessment/start/'] button")
    while "/review/" not in learner.url:
        for name in learner.eval_on_selector_all("main input[type=radio]", "els => [...new Set(els.map(e => e.name))]"):
            learner.locator(f"input[name='{name}']").nth(1).check()
        learner.click("main button.btn-primary")
    learner.click("main form button.btn-primary")
    attempt = Attempt.objects.get(user__username="amina")
    assert attempt.is_submitted

    teacher.reload()
    teacher.click("text=amina")
    teacher.select_option("#level-python", "3")
    teacher.fill("#comment-python", "Très bon projet de fin d'études en Python.")
    teacher.locator("#c-python button[type=submit]").click()
    teacher.click("text=Marquer la revue comme terminée")
    screenshot(teacher, "cohort-dashboard")

    learner.goto(f"/assessment/{attempt.pk}/result/")
    text = learner.inner_text("main")
    assert "Très bon projet de fin d'études en Python." in text
    assert "Vos formateurs ont revu ce résultat" in text
    screenshot(learner, "result-validated")
    for context in contexts:
        context.close()
