"""Browser tests: Playwright driving Debian's Chromium (apt-get install -y chromium).

Without Chromium they are skipped, unless KAFAA_REQUIRE_BROWSER is set (as .ci/run does), when
they fail instead.
"""

import os
import shutil

import pytest

from profiles.services import import_framework

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = os.environ.get("KAFAA_SCREENSHOTS", "var/screenshots")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.environ.get("KAFAA_REQUIRE_BROWSER"):
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM beside Playwright's event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def published(transactional_db, ml_data):
    return import_framework(data=ml_data, publish=True)


PASSWORD = "a-long-test-password-42"


def log_in(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


def screenshot(page, name):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)
