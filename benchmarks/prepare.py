"""Prepare a benchmark database: the ML Engineer framework, a candidate with an attempt at every stage.

Prints shell assignments (SESSION, STEP, REVIEW, RESULT) for benchmarks/candidate_pages.sh.
"""

import io

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessment.content import content_for  # noqa: E402
from assessment.questionnaire import steps  # noqa: E402
from assessment.services import save_page, start_attempt, submit_attempt  # noqa: E402
from profiles.models import FrameworkVersion  # noqa: E402

call_command("migrate", verbosity=0)
call_command("seed_demo", "--force", stdout=io.StringIO())
user = User.objects.get(username="amina")
version = FrameworkVersion.objects.published().get(framework__slug="ml-engineer")
content = content_for(version)
attempt = start_attempt(user=user, version=version)
ratings = {code: 3 for code in content.competencies}
for step in steps(content):
    save_page(attempt=attempt, step=step.index, ratings=ratings, answers={}, done=True)
done = start_attempt(user=user, version=version)
submit_attempt(attempt=done)  # the first attempt, submitted
in_progress = start_attempt(user=user, version=version)
for step in steps(content):
    save_page(attempt=in_progress, step=step.index, ratings=ratings, answers={}, done=True)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(f"SESSION={session.session_key}")
print(f"STEP={reverse('assessment:step', args=[in_progress.pk, 0])}")
print(f"CHECKS={reverse('assessment:step', args=[in_progress.pk, 1])}")
print(f"REVIEW={reverse('assessment:review', args=[in_progress.pk])}")
print(f"RESULT={reverse('assessment:result', args=[done.pk])}")
