"""Random and malformed data posted to every form: never a server error, never a partial write."""

import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import Attempt, Cohort, Membership, Validation
from assessment.services import create_cohort, join_cohort, start_attempt, submit_attempt
from profiles.models import Framework, FrameworkVersion
from tests.frameworks import minimal

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
    done.refresh_from_db()
    membership.refresh_from_db()
    attempt = start_attempt(user=candidate, version=ml_version)
    return {"cohort": cohort, "membership": membership, "attempt": attempt, "version": ml_version, "done": done}


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


@FUZZ
@given(data=fields("username", "password", "next"))
def test_log_in(client, world, data):
    users = User.objects.values_list("pk", "password", "last_login")
    before = list(users)
    post(client, reverse("login"), data)
    assert list(users) == before  # random data never logs anyone in
    AccessAttempt.objects.all().delete()  # else the address is soon locked out, and the form no longer runs
    client.logout()


@FUZZ
@given(data=fields("email"), known=st.booleans())
def test_password_reset_request(client, world, data, known):
    mail.outbox = []
    if known:
        data["email"] = world["attempt"].user.email
    users = list(User.objects.values_list("pk", "password"))
    response = post(client, reverse("password_reset"), data)
    assert list(User.objects.values_list("pk", "password")) == users
    assert len(mail.outbox) == (response.status_code == 302 and data.get("email") == world["attempt"].user.email)


@FUZZ
@given(data=fields("old_password", "new_password1", "new_password2"), right=st.booleans())
def test_password_change(client, world, password, data, right):
    user = world["attempt"].user
    if right:
        data["old_password"] = password
    client.force_login(user)
    hashed = User.objects.get(pk=user.pk).password
    response = post(client, reverse("password_change"), data)
    changed = User.objects.get(pk=user.pk).password != hashed
    assert changed == (response.status_code == 302)
    if changed:
        user.set_password(password)
        user.save()


@FUZZ
@given(data=fields("password", "csrfmiddlewaretoken"), password_value=st.one_of(values, st.just("not-my-password")))
def test_account_delete_with_a_password(client, world, data, password_value):
    client.force_login(world["attempt"].user)
    before = snapshot(world)
    response = post(client, reverse("account-delete"), {**data, "password": password_value})
    assert response.status_code == 200 and snapshot(world) == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
TOP_KEYS = ["format", "slug", "title", "levels", "areas", "version", "description", "roles", "certifications"]


@st.composite
def framework_files(draw):
    """Random bytes, random JSON, or a valid framework file with one part replaced by random JSON."""
    kind = draw(st.sampled_from(["bytes", "json", "mutated"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    data = minimal()
    target = data
    if draw(st.booleans()):  # a part of the first area's first competency
        target = data["areas"][0]["competencies"][0]
    key = draw(st.sampled_from(sorted(target)))
    target[key] = draw(json_values)
    return json.dumps(data).encode()


@FUZZ
@given(content=framework_files())
def test_framework_upload(client, world, admin_user, content):
    client.force_login(admin_user)
    versions, frameworks = FrameworkVersion.objects.count(), Framework.objects.count()
    upload = SimpleUploadedFile("framework.json", content, content_type="application/json")
    response = post(client, reverse("admin:profiles_frameworkversion_upload"), {"file": upload})
    assert FrameworkVersion.objects.count() == versions + (response.status_code == 302)
    if response.status_code != 302:
        assert Framework.objects.count() == frameworks


@FUZZ
@given(data=fields("attempt", "version", "back"))
def test_start_submit_leave_and_reviewed(client, world, trainer, other_candidate, data):
    candidate = world["attempt"].user
    client.force_login(candidate)
    attempts = Attempt.objects.count()
    post(client, reverse("assessment:start"), data)
    assert Attempt.objects.count() == attempts  # the attempt in progress is continued
    client.force_login(other_candidate)
    fresh = start_attempt(user=other_candidate, version=world["version"])
    post(client, reverse("assessment:submit", args=[fresh.pk]), data)
    post(client, reverse("assessment:submit", args=[fresh.pk]), data)
    assert Attempt.objects.filter(user=other_candidate, status="submitted").count() == 1
    Attempt.objects.filter(user=other_candidate).delete()
    before = snapshot(world)
    assert post(client, reverse("cohorts:leave", args=[world["membership"].pk]), data).status_code == 404
    client.force_login(trainer)
    post(client, reverse("cohorts:member-reviewed", args=[world["cohort"].pk, world["membership"].pk]), data)
    assert snapshot(world) == before
    assert Membership.objects.get(pk=world["membership"].pk).status == "reviewed"
    client.force_login(candidate)
    post(client, reverse("cohorts:leave", args=[world["membership"].pk]), data)
    assert not Membership.objects.filter(pk=world["membership"].pk).exists()
    world["membership"] = join_cohort(cohort=world["cohort"], user=candidate, shared_attempt=world["done"])
