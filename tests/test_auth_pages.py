import html
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_says_what_kafaa_does_for_each_person(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Pour les candidats" in page and "Pour les formateurs" in page and "Pour les administrateurs" in page
    assert 'lang="fr"' in page


def test_french_by_default_and_english_on_request(client):
    assert 'lang="fr"' in client.get("/").content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert 'lang="en"' in page and "For candidates" in page


def test_every_page_has_the_language_switcher(client, candidate):
    client.force_login(candidate)
    for url in ["/", reverse("password_change"), reverse("signup")]:
        response = client.get(url, follow=True)
        assert f'action="{reverse("set_language")}"' in response.content.decode(), url


def test_sign_up_creates_a_candidate_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "salma",
            "email": "Salma@Example.com",
            "password1": "gradient-descent-77",
            "password2": "gradient-descent-77",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="salma")
    assert user.email == "salma@example.com"
    assert not user.is_staff and not user.groups.exists()
    assert client.get("/").context["user"] == user


def test_sign_up_with_errors_keeps_what_was_typed_and_writes_nothing(client, candidate):
    response = client.post(
        reverse("signup"),
        {"username": "salma", "email": candidate.email, "password1": "short", "password2": "other"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="salma"' in page
    assert "An account already uses this e-mail address." in page
    assert not User.objects.filter(username="salma").exists()


def test_signed_in_user_is_sent_home_from_sign_up(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("signup")).status_code == 302


def test_log_in_and_log_out(client, candidate, password):
    response = client.post(reverse("login"), {"username": candidate.username, "password": password})
    assert response.status_code == 302
    assert client.get("/").context["user"] == candidate
    assert client.get(reverse("logout")).status_code == 405  # log-out is a POST
    client.post(reverse("logout"))
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_gets_a_message(client, candidate):
    response = client.post(
        reverse("login"), {"username": candidate.username, "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_change_needs_login_and_works(client, candidate, password):
    url = reverse("password_change")
    assert client.get(url).status_code == 302
    client.force_login(candidate)
    response = client.post(
        url, {"old_password": password, "new_password1": "new-secret-phrase-9", "new_password2": "new-secret-phrase-9"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("new-secret-phrase-9")


def test_password_reset_by_e_mail(client, candidate):
    response = client.post(reverse("password_reset"), {"email": candidate.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"/accounts/reset/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "fresh-start-2026", "new_password2": "fresh-start-2026"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("fresh-start-2026")


def test_a_bad_reset_link_says_so(client):
    response = client.get("/accounts/reset/MQ/bad-token/", HTTP_ACCEPT_LANGUAGE="en")
    assert "This link is no longer valid" in response.content.decode()


def test_admin_is_for_staff_only(client, candidate, trainer, admin_user):
    for user in (candidate, trainer):
        client.force_login(user)
        assert client.get("/admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_sign_up_goes_on_to_where_the_candidate_was_going(client):
    data = {
        "username": "salma",
        "email": "s@example.ma",
        "password1": "gradient-descent-77",
        "password2": "gradient-descent-77",
        "consent": "on",
    }
    response = client.post(reverse("signup") + "?next=/cohorts/join/abc/", data)
    assert response.url == "/cohorts/join/abc/"
    client.logout()
    evil = client.post(
        reverse("signup") + "?next=https://evil.example/", {**data, "username": "other", "email": "o@x.ma"}
    )
    assert evil.url == reverse("home")


def test_the_log_in_page_keeps_next_for_sign_up(client):
    page = client.get(reverse("login") + "?next=/cohorts/join/abc/").content.decode()
    assert reverse("signup") + "?next=/cohorts/join/abc/" in page.replace("%2F", "/")


def test_form_errors_are_summarised_at_the_top_and_shown_by_each_field(client):
    response = client.post(reverse("signup"), {"username": "", "email": "not-an-address"}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    summary = page.index("Please correct the following:")
    assert summary < page.index('id="id_username"')
    assert '<a class="alert-link" href="#id_email">E-mail</a>: Enter a valid email address.' in page
    assert page.count("Enter a valid email address.") == 2  # in the summary and next to the field
    assert page.count("autofocus") == 1 and 'id="error-summary" autofocus' in page  # focus moves to the summary


def test_sign_up_says_who_sees_the_email_address(client, db):
    english = html.unescape(client.get(reverse("signup"), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "The trainers of a cohort you join also see it and can export it." in english
    assert "Used only" not in english
    french = html.unescape(client.get(reverse("signup"), HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    assert "Les formateurs d’une promotion que vous rejoignez la voient aussi et peuvent l’exporter." in french


@pytest.mark.parametrize("name", ["signup", "login", "password_change"])
def test_without_errors_the_first_field_keeps_the_focus(client, candidate, name):
    if name == "password_change":
        client.force_login(candidate)
    page = client.get(reverse(name)).content.decode()
    assert page.count("autofocus") == 1 and "error-summary" not in page
    errors = client.post(reverse(name), {"username": "x", "password": "y", "old_password": "z"}).content.decode()
    assert errors.count("autofocus") == 1 and 'id="error-summary" autofocus' in errors


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_radio_and_checkbox_borders_contrast_with_the_page():
    css = (settings.BASE_DIR / "static" / "css" / "kafaa.css").read_text()
    border = re.search(r"\.form-check-input \{ border-color: (#[0-9a-f]{6}); \}", css).group(1)
    assert (1.05) / (relative_luminance(border) + 0.05) >= 3  # WCAG 1.4.11, against white
