"""Cohorts: invitations, membership, trainer review and validation, dashboard, CSV, privacy floor."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from assessment.models import Attempt, Cohort, Membership, Validation, new_invite_code
from assessment.services import create_cohort, join_cohort, mark_reviewed, start_attempt, submit_attempt, validate_level
from profiles.models import TRAINER_GROUP
from profiles.services import import_framework
from tests.assessment.conftest import answer_all, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(trainer, ml_version):
    return create_cohort(trainer=trainer, name="Promo 2026", framework=ml_version.framework, target_role="ml-engineer")


@pytest.fixture
def other_trainer(db, password, ml_version):
    user = User.objects.create_user("trainer2", "t2@example.com", password)
    user.groups.add(Group.objects.get(name=TRAINER_GROUP))
    create_cohort(trainer=user, name="Other", framework=ml_version.framework, target_role="ml-engineer")
    return user


def submitted_attempt(user, version, ratings=None):
    attempt = start_attempt(user=user, version=version)
    attempt.ratings = ratings or {code: 3 for code in version.competencies.values_list("code", flat=True)}
    attempt.save()
    submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def member(cohort, candidate, ml_version):
    membership = join_cohort(cohort=cohort, user=candidate)
    submitted_attempt(candidate, ml_version, {"python": 4, "docker": 1})
    membership.refresh_from_db()
    return membership


# Creating and inviting ------------------------------------------------------------------------------
def test_a_trainer_creates_a_cohort_for_the_entry_role_by_default(client, trainer, ml_version):
    client.force_login(trainer)
    form = client.get(reverse("cohorts:create"))
    assert form.context["form"].initial["target_role"] == "ml-engineer"
    response = client.post(
        reverse("cohorts:create"),
        {
            "name": "Promo IA",
            "framework": ml_version.framework.pk,
            "target_role": "ml-engineer",
            "deadline": "2027-06-30",
        },
    )
    cohort = trainer.trained_cohorts.get()
    assert response.url == reverse("cohorts:detail", args=[cohort.pk])
    assert (cohort.name, cohort.target_role, str(cohort.deadline)) == ("Promo IA", "ml-engineer", "2027-06-30")
    page = client.get(response.url).content.decode()
    assert reverse("cohorts:join", args=[cohort.invite_code]) in page


def test_a_cohort_form_with_a_role_of_nowhere_writes_nothing(client, trainer, ml_version):
    client.force_login(trainer)
    response = client.post(
        reverse("cohorts:create"), {"name": "X", "framework": ml_version.framework.pk, "target_role": "astronaut"}
    )
    assert response.status_code == 200 and not trainer.trained_cohorts.exists()
    assert 'value="X"' in response.content.decode()


def test_candidates_cannot_create_cohorts(client, candidate, ml_version):
    client.force_login(candidate)
    assert client.get(reverse("cohorts:create")).status_code == 404
    assert client.post(reverse("cohorts:create"), {"name": "X"}).status_code == 404


def test_joining_shows_what_trainers_see_and_needs_consent(client, candidate, cohort, ml_version):
    url = reverse("cohorts:join", args=[cohort.invite_code])
    assert client.get(url).url.startswith(reverse("login"))  # sign up or log in first
    client.force_login(candidate)
    page = text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    assert "What the trainers will see" in page and "Your name, username and e-mail address." in page
    assert client.post(url, {}).status_code == 200 and not Membership.objects.exists()
    client.post(url, {"consent": "on"})
    membership = Membership.objects.get()
    assert (membership.user, membership.status, membership.shared_attempt) == (candidate, "invited", None)
    assert membership.consented_at is not None
    attempt = start_attempt(user=candidate, version=ml_version)
    membership.refresh_from_db()
    assert membership.status == "in_progress"
    answer_all(client, attempt)
    client.post(reverse("assessment:submit", args=[attempt.pk]))
    membership.refresh_from_db()
    assert membership.status == "submitted" and membership.shared_attempt_id == attempt.pk
    assert membership.band and membership.readiness is not None


def test_an_earlier_result_counts_only_when_shared(client, candidate, cohort, ml_version):
    earlier = submitted_attempt(candidate, ml_version)
    client.force_login(candidate)
    client.post(reverse("cohorts:join", args=[cohort.invite_code]), {"consent": "on"})
    assert Membership.objects.get().shared_attempt is None
    membership = Membership.objects.get()
    client.post(reverse("cohorts:share", args=[membership.pk]), {"attempt": earlier.pk})
    membership.refresh_from_db()
    assert membership.shared_attempt == earlier and membership.status == "submitted"


def test_sharing_someone_elses_attempt_changes_nothing(client, candidate, other_candidate, member, ml_version):
    theirs = submitted_attempt(other_candidate, ml_version)
    client.force_login(candidate)
    before = member.shared_attempt_id
    client.post(reverse("cohorts:share", args=[member.pk]), {"attempt": theirs.pk})
    member.refresh_from_db()
    assert member.shared_attempt_id == before


@pytest.mark.parametrize("change", ["disabled", "expired", "renewed", "mistyped"])
def test_a_closed_invitation_says_so(client, candidate, cohort, change):
    code = cohort.invite_code
    if change == "disabled":
        cohort.invite_enabled = False
    elif change == "expired":
        cohort.invite_expires_on = timezone.localdate() - timedelta(days=1)
    cohort.save()
    client.force_login(candidate)
    if change == "renewed":
        trainer = cohort.trainers.get()
        client.force_login(trainer)
        client.post(reverse("cohorts:invitation", args=[cohort.pk]), {"action": "renew"})
        client.force_login(candidate)
    if change == "mistyped":
        code = "nope"
    response = client.get(reverse("cohorts:join", args=[code]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "This invitation is not valid" in text(response)
    assert client.post(reverse("cohorts:join", args=[code]), {"consent": "on"}).status_code == 404
    assert not Membership.objects.exists()


def test_a_join_link_only_matches_the_invitation_alphabet(client, candidate, cohort):
    client.force_login(candidate)
    for _ in range(20):  # token_urlsafe: letters, digits, "-" and "_", all accepted by the route
        code = new_invite_code()
        assert resolve(reverse("cohorts:join", args=[code])).kwargs == {"code": code}
    with pytest.raises(Resolver404):  # a NUL byte would reach PostgreSQL, which refuses it (500)
        resolve("/cohorts/join/ab\x00cd/")
    assert client.get("/cohorts/join/ab%00cd/").status_code == 404


def test_the_trainer_closes_and_reopens_invitations(client, trainer, cohort):
    client.force_login(trainer)
    client.post(reverse("cohorts:invitation", args=[cohort.pk]), {"action": "disable"})
    cohort.refresh_from_db()
    assert not cohort.invite_enabled
    client.post(reverse("cohorts:invitation", args=[cohort.pk]), {"action": "enable"})
    cohort.refresh_from_db()
    assert cohort.invite_enabled


def test_leaving_takes_everything_the_trainers_saw(client, candidate, trainer, member):
    Validation.objects.create(
        membership=member, attempt=member.shared_attempt, competency="python", level=2, trainer=trainer
    )
    client.force_login(candidate)
    client.post(reverse("cohorts:leave", args=[member.pk]))
    assert not Membership.objects.exists() and not Validation.objects.exists()
    client.force_login(trainer)
    assert client.get(reverse("cohorts:member", args=[member.cohort_id, member.pk])).status_code == 404


def test_a_trainer_adds_another_trainer(client, trainer, other_trainer, cohort, candidate):
    client.force_login(trainer)
    client.post(reverse("cohorts:add-trainer", args=[cohort.pk]), {"username": candidate.username})
    assert list(cohort.trainers.all()) == [trainer]  # a candidate is not a trainer
    client.post(reverse("cohorts:add-trainer", args=[cohort.pk]), {"username": "trainer2"})
    assert set(cohort.trainers.all()) == {trainer, other_trainer}


# Review and validation -------------------------------------------------------------------------------
def test_validation_keeps_history_flags_disagreement_and_recomputes(client, trainer, candidate, member):
    client.force_login(trainer)
    url = reverse("cohorts:member", args=[member.cohort_id, member.pk])
    before = member.readiness
    client.post(url, {"competency": "docker", "level": "3", "comment": "Solid Dockerfiles in the project."})
    client.post(url, {"competency": "docker", "level": "4", "comment": "Multi-stage builds too."})
    current = Validation.objects.filter(competency="docker").order_by("-created_at", "-id")
    assert [v.level for v in current] == [4, 3] and current[0].trainer == trainer
    member.refresh_from_db()
    assert member.readiness > before  # docker now counts at 4, above its target
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    docker = next(row for row in page.context["rows"] if row["code"] == "docker")
    assert docker["current"].level == 4 and [old.level for old in docker["history"]] == [3]
    assert docker["discuss"]  # self 1, validated 4: |1 - 4| >= 2
    labels = [side["label"] for side in page.context["comparison"]]
    assert labels == ["With the candidate's verified levels", "With the validated levels"]
    # the candidate sees the validated level and the comment
    client.force_login(candidate)
    result = text(client.get(reverse("assessment:result", args=[member.shared_attempt_id]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Multi-stage builds too." in result


def test_marking_the_review_done_tells_the_candidate(client, trainer, candidate, member):
    client.force_login(trainer)
    client.post(reverse("cohorts:member-reviewed", args=[member.cohort_id, member.pk]))
    member.refresh_from_db()
    assert member.status == "reviewed" and member.reviewed_by == trainer
    client.force_login(candidate)
    page = text(client.get(reverse("assessment:result", args=[member.shared_attempt_id]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Your trainers have reviewed this result (Promo 2026)" in page


@pytest.mark.parametrize(
    "data", [{"competency": "pytorh", "level": "2"}, {"competency": "python", "level": "7"}, {"competency": "python"}]
)
def test_a_tampered_validation_changes_nothing(client, trainer, member, data):
    client.force_login(trainer)
    client.post(reverse("cohorts:member", args=[member.cohort_id, member.pk]), data)
    assert not Validation.objects.exists()


# Dashboard ----------------------------------------------------------------------------------------------
def add_members(cohort, version, count, template: Attempt):
    """`count` members with a copy of a submitted result (bulk, for size tests)."""
    users = User.objects.bulk_create(User(username=f"m{cohort.pk}-{i}", email=f"m{i}@example.ma") for i in range(count))
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(user=u, version=version, status="submitted", result=template.result, submitted_at=now) for u in users
    )
    Membership.objects.bulk_create(
        Membership(cohort=cohort, user=u, consented_at=now, shared_attempt=a, status="submitted",
                   readiness=0.5, band="developing", below_target=",python,")
        for u, a in zip(users, attempts)
    )  # fmt: skip


def test_group_figures_respect_the_privacy_floor(client, trainer, cohort, member, ml_version, settings):
    settings.KAFAA_COHORT_PRIVACY_FLOOR = 5
    client.force_login(trainer)
    url = reverse("cohorts:detail", args=[cohort.pk])
    add_members(cohort, ml_version, 3, member.shared_attempt)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["group"] is None and "Group figures appear once 5 members have submitted" in text(page)
    add_more = User.objects.create_user("fifth")
    attempt = submitted_attempt(add_more, ml_version)
    join_cohort(cohort=cohort, user=add_more, shared_attempt=attempt)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    distribution = {label: count for label, count, _share in page.context["group"]["distribution"]}
    assert sum(distribution.values()) == 5
    assert page.context["group"]["averages"]


def test_filters_sort_and_pages(client, trainer, cohort, member, ml_version):
    add_members(cohort, ml_version, 60, member.shared_attempt)
    client.force_login(trainer)
    url = reverse("cohorts:detail", args=[cohort.pk])
    first = client.get(url)
    assert len(first.context["heatmap"]["rows"]) == 50 and first.context["page"].paginator.count == 61
    assert len(client.get(url, {"page": 2}).context["heatmap"]["rows"]) == 11
    assert client.get(url, {"band": "developing"}).context["page"].paginator.count == 60
    assert client.get(url, {"status": "invited"}).context["page"].paginator.count == 0
    below = client.get(url, {"below": "python"}).context["page"].paginator.count
    assert below == 60 + (",python," in member.below_target)
    by_readiness = client.get(url, {"sort": "readiness"}).context["heatmap"]["rows"]
    readiness = [row["member"].readiness for row in by_readiness]
    assert readiness == sorted(readiness, reverse=True)


@pytest.mark.parametrize("key", ["band", "status", "below", "sort"])
@pytest.mark.parametrize("value", ["nope", "a\x00b", "python,", "%"])
def test_unknown_filter_values_are_ignored(client, trainer, cohort, member, ml_version, key, value):
    add_members(cohort, ml_version, 3, member.shared_attempt)
    client.force_login(trainer)
    response = client.get(reverse("cohorts:detail", args=[cohort.pk]), {key: value})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 4 and response.context["filters"][key] == ""


# user, cohort (scoped to its trainers), current version, members count; group figures: shared results,
# their validations; the page: members, their shared results, their validations; the cohort's trainers
DASHBOARD_QUERIES = 10


def dashboard_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_members(client, trainer, other_trainer, ml_version, candidate):
    template = submitted_attempt(candidate, ml_version)
    small = create_cohort(trainer=trainer, name="Small", framework=ml_version.framework, target_role="ml-engineer")
    large = create_cohort(trainer=trainer, name="Large", framework=ml_version.framework, target_role="ml-engineer")
    add_members(small, ml_version, 10, template)
    add_members(large, ml_version, 1000, template)
    client.force_login(trainer)
    counts = [dashboard_queries(client, reverse("cohorts:detail", args=[c.pk])) for c in (small, large)]
    assert counts[0] == counts[1] == DASHBOARD_QUERIES


# CSV ----------------------------------------------------------------------------------------------------
def test_csv_export_one_row_per_candidate_and_competency(client, trainer, member, ml_version):
    Validation.objects.create(
        membership=member, attempt=member.shared_attempt, competency="python", level=2, trainer=trainer
    )
    client.force_login(trainer)
    response = client.get(reverse("cohorts:export", args=[member.cohort_id]), HTTP_ACCEPT_LANGUAGE="fr")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff") and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:8] == ["Candidat", "Adresse e-mail", "Compétence", "Auto-évaluation", "Niveau vérifié",
                           "Niveau validé", "Cible", "Signalements"]  # fmt: skip
    assert len(rows[0]) == 8 + ml_version.roles.count()
    assert len(rows) == 1 + ml_version.competencies.count()
    python = next(row for row in rows if row[2] == "Python")
    assert python[3:8] == ["4", "4", "2", "3", "à discuter"]


# Access -------------------------------------------------------------------------------------------------
def trainer_urls(member):
    pk, mid = member.cohort_id, member.pk
    return [
        ("get", reverse("cohorts:detail", args=[pk])),
        ("get", reverse("cohorts:export", args=[pk])),
        ("get", reverse("cohorts:member", args=[pk, mid])),
        ("post", reverse("cohorts:member", args=[pk, mid])),
        ("post", reverse("cohorts:member-reviewed", args=[pk, mid])),
        ("post", reverse("cohorts:invitation", args=[pk])),
        ("post", reverse("cohorts:add-trainer", args=[pk])),
    ]


@pytest.mark.parametrize("persona", ["other_trainer", "member", "non_member"])
def test_trainer_pages_are_404_for_everyone_else(client, member, other_trainer, other_candidate, persona):
    user = {"other_trainer": other_trainer, "member": member.user, "non_member": other_candidate}[persona]
    client.force_login(user)
    for method, url in trainer_urls(member):
        assert getattr(client, method)(url).status_code == 404, url


def test_trainer_pages_load_for_the_cohorts_trainer(client, trainer, member):
    client.force_login(trainer)
    for _method, url in trainer_urls(member)[:3]:
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_log_in_everywhere(client, member):
    urls = [url for _m, url in trainer_urls(member)] + [
        reverse("cohorts:list"), reverse("cohorts:create"), reverse("cohorts:join", args=[member.cohort.invite_code]),
        reverse("cohorts:leave", args=[member.pk]), reverse("cohorts:share", args=[member.pk]),
    ]  # fmt: skip
    for url in urls:
        response = client.post(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_a_candidate_cannot_leave_or_share_for_someone_else(client, other_candidate, member):
    client.force_login(other_candidate)
    assert client.post(reverse("cohorts:leave", args=[member.pk])).status_code == 404
    assert client.post(reverse("cohorts:share", args=[member.pk])).status_code == 404
    assert Membership.objects.filter(pk=member.pk).exists()


def test_wrong_methods_on_cohort_pages(client, trainer, member):
    client.force_login(trainer)
    assert client.get(reverse("cohorts:invitation", args=[member.cohort_id])).status_code == 405
    assert client.get(reverse("cohorts:member-reviewed", args=[member.cohort_id, member.pk])).status_code == 405
    assert client.get(reverse("cohorts:leave", args=[member.pk])).status_code == 405


def test_the_candidate_sees_a_new_validation_at_once(client, trainer, candidate, member):
    client.force_login(candidate)
    url = reverse("assessment:result", args=[member.shared_attempt_id])
    assert "Nouvelle remarque" not in text(client.get(url))  # the result is rendered (and cached) first
    validate_level(membership=member, trainer=trainer, competency="python", level=3, comment="Nouvelle remarque")
    assert "Nouvelle remarque" in text(client.get(url))
    mark_reviewed(membership=member, trainer=trainer)
    assert "Promo 2026" in text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))


def test_a_cohort_sees_only_its_own_trainers_validations(client, trainer, other_trainer, member, settings):
    settings.KAFAA_COHORT_PRIVACY_FLOOR = 1
    other_cohort = other_trainer.trained_cohorts.get()
    theirs = join_cohort(cohort=other_cohort, user=member.user, shared_attempt=member.shared_attempt)
    validate_level(membership=theirs, trainer=other_trainer, competency="python", level=0, comment="Autre cohorte")
    client.force_login(trainer)
    page = client.get(reverse("cohorts:detail", args=[member.cohort_id]), HTTP_ACCEPT_LANGUAGE="en")
    heatmap = page.context["heatmap"]
    python = [code for code, _name in heatmap["columns"]].index("python")
    assert heatmap["rows"][0]["cells"][python] == {"level": 4, "symbol": "✓", "kind": "met"}  # self 4, target 3
    averages = {row["code"]: row["average"] for row in page.context["group"]["averages"]}
    assert averages["python"] == 4.0
    response = client.get(reverse("cohorts:export", args=[member.cohort_id]), HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff"))))
    assert next(row for row in rows if row[2] == "Python")[3:8] == ["4", "4", "", "3", ""]
    # the other cohort's trainer still sees their own validation
    client.force_login(other_trainer)
    page = client.get(reverse("cohorts:detail", args=[other_cohort.pk]))
    assert page.context["heatmap"]["rows"][0]["cells"][python]["level"] == 0


def test_csv_cells_that_look_like_formulas_are_quoted(client, trainer, member):
    member.user.first_name, member.user.last_name = '=HYPERLINK("http://evil.example","x")', ""
    member.user.email = "@sum@example.com"
    member.user.save()
    client.force_login(trainer)
    response = client.get(reverse("cohorts:export", args=[member.cohort_id]), HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff"))))
    assert rows[1][:2] == ['\'=HYPERLINK("http://evil.example","x")', "'@sum@example.com"]
    assert next(row for row in rows if row[2] == "Python")[3:5] == ["4", "4"]  # numbers are left as they are


def test_csv_in_english_uses_commas_and_in_french_semicolons_and_decimal_commas(client, trainer, member):
    client.force_login(trainer)
    url = reverse("cohorts:export", args=[member.cohort_id])
    # python 4 and docker 1, nothing else: junior 12/97 = 0.124, ML Engineer (15 + 4)/186 = 0.102
    english = b"".join(client.get(url, HTTP_ACCEPT_LANGUAGE="en").streaming_content).decode("utf-8")
    row = next(csv.reader(io.StringIO(english.splitlines()[1])))
    assert row[0] == "candidate" and row[8:10] == ["0.12", "0.10"]
    french = b"".join(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").streaming_content).decode("utf-8")
    assert french.splitlines()[1].startswith("candidate;candidate@example.com;")
    row = next(csv.reader(io.StringIO(french.splitlines()[1]), delimiter=";"))
    assert row[8:10] == ["0,12", "0,10"]


def test_the_review_shows_levels_when_the_result_has_no_target_role(client, trainer, member, ml_data):
    ethicist = {**ml_data["roles"][-1], "code": "ai-ethicist", "name": {"fr": "Éthicien IA", "en": "AI Ethicist"}}
    import_framework(data={**ml_data, "roles": ml_data["roles"] + [ethicist]}, publish=True)
    cohort = create_cohort(
        trainer=trainer, name="Éthique", framework=member.cohort.framework, target_role="ai-ethicist"
    )
    membership = join_cohort(cohort=cohort, user=member.user, shared_attempt=member.shared_attempt)  # version 1
    client.force_login(trainer)
    page = client.get(reverse("cohorts:member", args=[cohort.pk, membership.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and page.context["comparison"] == []
    assert "without the role AI Ethicist: the levels are shown" in text(page)
    python = next(row for row in page.context["rows"] if row["code"] == "python")
    assert (python["self"], python["verified"], python["target"]) == (4, 4, None)
    french = text(client.get(reverse("cohorts:member", args=[cohort.pk, membership.pk]), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "sans le poste Éthicien IA : les niveaux sont affichés" in french


def test_the_trainers_plan_leaves_out_a_certification_retired_since_the_submit(
    client, trainer, cohort, candidate, ml_data
):
    today = timezone.localdate()
    pmle = next(c for c in ml_data["certifications"] if c["code"] == "gcp-pmle")
    pmle["retires_on"] = (today - timedelta(days=1)).isoformat()
    version = import_framework(data=ml_data, publish=True)
    membership = join_cohort(cohort=cohort, user=candidate)
    attempt = start_attempt(user=candidate, version=version)
    attempt.ratings = {"python": 4, "docker": 1}
    attempt.save()
    submit_attempt(attempt=attempt, today=today - timedelta(days=10))
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now() - timedelta(days=10))
    assert Attempt.objects.get(pk=attempt.pk).result["plan"][0]["code"] == "gcp-pmle"  # valid on the day
    client.force_login(trainer)
    page = client.get(reverse("cohorts:member", args=[cohort.pk, membership.pk]))
    # gaps to ML Engineer sum to 167; gcp-pmle would cover 72, aws-ml-engineer-associate covers 70.5
    for side in page.context["comparison"]:
        assert "gcp-pmle" not in [pick["code"] for pick in side["plan"]]
        assert (
            side["plan"][0]["code"] == "aws-ml-engineer-associate" and round(side["plan"][0]["score"] * 167, 1) == 70.5
        )


def test_leaving_a_cohort_takes_its_comment_off_the_result_at_once(client, trainer, other_trainer, member):
    other_cohort = other_trainer.trained_cohorts.get()
    theirs = join_cohort(cohort=other_cohort, user=member.user, shared_attempt=member.shared_attempt)
    validate_level(membership=theirs, trainer=other_trainer, competency="docker", level=2, comment="Remarque B")
    validate_level(membership=member, trainer=trainer, competency="python", level=4, comment="Remarque A")
    client.force_login(member.user)
    url = reverse("assessment:result", args=[member.shared_attempt_id])
    page = text(client.get(url))  # rendered and cached with both comments
    assert "Remarque A" in page and "Remarque B" in page
    client.post(reverse("cohorts:leave", args=[theirs.pk]))
    page = text(client.get(url))
    assert "Remarque A" in page and "Remarque B" not in page


def test_flags_are_worded_as_cues_not_judgements(client, trainer, member):
    result = member.shared_attempt.result
    for competency in result["competencies"]:
        competency["flags"] = {"python": ["over"], "docker": ["under"]}.get(competency["code"], [])
    Attempt.objects.filter(pk=member.shared_attempt_id).update(result=result)
    client.force_login(trainer)
    response = client.get(reverse("cohorts:export", args=[member.cohort_id]), HTTP_ACCEPT_LANGUAGE="fr")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8")), delimiter=";"))
    flags = {row[2]: row[7] for row in rows[1:]}
    assert flags["Python"] == "vérifications en dessous de l’auto-évaluation"
    assert flags["Docker"] == "en sait peut-être plus"
    page = text(client.get(reverse("cohorts:member", args=[member.cohort_id, member.pk]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "· checks below the rating" in page and "· may know more than rated" in page
    join = text(client.get(reverse("cohorts:join", args=[member.cohort.invite_code]), HTTP_ACCEPT_LANGUAGE="fr"))
    assert "(vérifications en dessous de l’auto-évaluation, en sait peut-être plus)" in join


def test_the_cohort_form_sets_when_the_invitation_expires(client, trainer, candidate, ml_version):
    client.force_login(trainer)
    today = timezone.localdate()
    data = {"name": "Promo courte", "framework": ml_version.framework.pk, "target_role": "ml-engineer"}
    past = client.post(
        reverse("cohorts:create"),
        {**data, "invite_expires_on": str(today - timedelta(days=1))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert past.status_code == 200 and not trainer.trained_cohorts.exists()
    assert "an invitation cannot expire in the past" in text(past)
    client.post(reverse("cohorts:create"), {**data, "invite_expires_on": str(today + timedelta(days=7))})
    cohort = trainer.trained_cohorts.get()
    assert cohort.invite_expires_on == today + timedelta(days=7)
    detail = text(client.get(reverse("cohorts:detail", args=[cohort.pk]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "The link works until" in detail
    client.force_login(candidate)
    url = reverse("cohorts:join", args=[cohort.invite_code])
    assert client.get(url).status_code == 200  # open until the day set, included
    Cohort.objects.filter(pk=cohort.pk).update(invite_expires_on=today - timedelta(days=1))  # a week later
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "This invitation is not valid" in text(response)
    assert "expired" in text(response)
