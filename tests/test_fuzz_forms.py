"""Random and malformed data posted to every form: never a server error, never a partial write."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import Attempt, Cohort, Membership, Validation
from assessment.services import create_cohort, join_cohort, start_attempt, submit_attempt

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
# "²" and "١" are digits to str.isdigit() but only the second is one to int()
values = st.one_of(
    text, st.integers(-10, 10).map(str), st.sampled_from(["", "0", "4", "-1", "on", "9" * 30, "\x00", "²", "١"])
)


def fields(*names):
    """Posted data: some of the form's own fields plus unexpected ones, with any values."""
    known = st.dictionaries(st.sampled_from(names), values, max_size=len(names))
    extra = st.dictionaries(text, values, max_size=3)
    return st.builds(lambda a, b: {**b, **a}, known, extra)


@pytest.fixture
def world(candidate, other_candidate, trainer, ml_version):
    cohort = create_cohort(trainer=trainer, name="Promo", framework=ml_version.framework, target_role="ml-engineer")
    membership = join_cohort(cohort=cohort, user=candidate)
    done = start_attempt(user=candidate, version=ml_version)
    submit_attempt(attempt=done)
    membership.refresh_from_db()
    attempt = start_attempt(user=candidate, version=ml_version)
    return {"cohort": cohort, "membership": membership, "attempt": attempt, "version": ml_version}


def snapshot(world) -> tuple:
    attempt = Attempt.objects.get(pk=world["attempt"].pk)
    return (attempt.ratings, attempt.answers, attempt.steps_done, Attempt.objects.count(), Membership.objects.count(),
            Validation.objects.count(), Cohort.objects.count(), User.objects.count())  # fmt: skip


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
    return response


@FUZZ
@given(data=fields("rate-python", "rate-sql", "rate-r", "back"))
def test_rating_page(client, world, data):
    client.force_login(world["attempt"].user)
    before = snapshot(world)
    response = post(client, reverse("assessment:step", args=[world["attempt"].pk, 0]), data)
    if response.status_code != 302:
        assert snapshot(world) == before
    else:
        assert all(0 <= level <= 4 for level in Attempt.objects.get(pk=world["attempt"].pk).ratings.values())


@FUZZ
@given(data=fields("check-python-1", "check-sql-1", "check-r-1", "check-python-2", "back"))
def test_check_page(client, world, data):
    client.force_login(world["attempt"].user)
    before = snapshot(world)
    response = post(client, reverse("assessment:step", args=[world["attempt"].pk, 1]), data)
    if response.status_code != 302:
        assert snapshot(world) == before


@FUZZ
@given(data=fields("username", "email", "password1", "password2", "consent", "first_name"))
def test_sign_up(client, world, data):
    users = User.objects.count()
    response = post(client, reverse("signup"), data)
    assert User.objects.count() == users + (response.status_code == 302)
    client.logout()


@FUZZ
@given(data=fields("name", "framework", "target_role", "deadline"))
def test_cohort_form(client, world, trainer, data):
    client.force_login(trainer)
    cohorts = Cohort.objects.count()
    response = post(client, reverse("cohorts:create"), data)
    assert Cohort.objects.count() == cohorts + (response.status_code == 302)


@FUZZ
@given(data=fields("competency", "level", "comment"))
def test_validation_form(client, world, trainer, data):
    client.force_login(trainer)
    validations = Validation.objects.count()
    membership = world["membership"]
    post(client, reverse("cohorts:member", args=[membership.cohort_id, membership.pk]), data)
    added = Validation.objects.count() - validations
    assert added in (0, 1)
    if added:
        assert 0 <= Validation.objects.latest("id").level <= 4


@FUZZ
@given(data=fields("consent", "attempt"))
def test_join_form(client, world, other_candidate, data):
    client.force_login(other_candidate)
    post(client, reverse("cohorts:join", args=[world["cohort"].invite_code]), data)
    Membership.objects.filter(user=other_candidate).delete()


@FUZZ
@given(data=fields("attempt", "action", "username", "password"))
def test_small_forms(client, world, trainer, data):
    before = snapshot(world)
    client.force_login(trainer)
    post(client, reverse("cohorts:invitation", args=[world["cohort"].pk]), data)
    post(client, reverse("cohorts:add-trainer", args=[world["cohort"].pk]), data)
    client.force_login(world["attempt"].user)
    post(client, reverse("cohorts:share", args=[world["membership"].pk]), data)
    post(client, reverse("account-delete"), {k: v for k, v in data.items() if k != "password"})
    assert snapshot(world) == before


@FUZZ
@given(
    query=fields("below", "band", "status", "sort", "page"),
    known=st.fixed_dictionaries(
        {},
        optional={
            "band": st.sampled_from(["ready", "developing"]),
            "sort": st.sampled_from(["name", "readiness"]),
            "below": st.just("python"),
        },
    ),
)
def test_dashboard_query_parameters(client, world, trainer, query, known):
    client.force_login(trainer)
    response = client.get(reverse("cohorts:detail", args=[world["cohort"].pk]), {**query, **known})
    assert response.status_code == 200, query
    assert all(value == "" or value == known.get(key) for key, value in response.context["filters"].items())


@FUZZ
@given(query=fields("target", "next", "with", "page"))
def test_other_query_parameters(client, world, admin_user, query):
    done = Attempt.objects.submitted().get(user=world["attempt"].user)
    client.force_login(done.user)
    for url in (reverse("assessment:result", args=[done.pk]), reverse("assessment:dashboard"),
                reverse("cohorts:list"), reverse("account")):  # fmt: skip
        assert client.get(url, query).status_code == 200, (url, query)
    client.force_login(admin_user)
    compare = reverse("admin:profiles_frameworkversion_compare", args=[world["version"].pk])
    assert client.get(compare, query).status_code == 200, query
    client.logout()
    for url in (reverse("signup"), reverse("login"), reverse("password_reset")):
        assert client.get(url, query).status_code == 200, (url, query)
