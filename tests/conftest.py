import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches

from assessment.content import _cached as content_cache
from profiles.models import TRAINER_GROUP
from profiles.services import import_framework
from tests.frameworks import minimal

ML_ENGINEER_FILE = Path(__file__).resolve().parent.parent / "profiles" / "frameworks" / "ml-engineer.json"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Manifest storage needs collectstatic; tests serve static files as they are."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_content_cache(settings):
    """Each test starts with empty caches (as a new process would), kept in memory, not in var/."""
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {"default": memory, "fragments": {**memory, "LOCATION": "fragments"}}
    content_cache.cache_clear()
    for cache in caches.all():
        cache.clear()  # rendered pieces are cached by ids, and ids repeat across tests


@pytest.fixture
def password():
    return "a-long-test-password-42"


@pytest.fixture
def candidate(db, password):
    return User.objects.create_user("candidate", "candidate@example.com", password)


@pytest.fixture
def other_candidate(db, password):
    return User.objects.create_user("other", "other@example.com", password)


@pytest.fixture
def trainer(db, password):
    user = User.objects.create_user("trainer", "trainer@example.com", password)
    user.groups.add(Group.objects.get(name=TRAINER_GROUP))
    return user


@pytest.fixture
def admin_user(db, password):
    return User.objects.create_superuser("boss", "boss@example.com", password)


@pytest.fixture
def framework_data():
    return minimal()


@pytest.fixture
def ml_data():
    return json.loads(ML_ENGINEER_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def ml_version(db, ml_data):
    return import_framework(data=ml_data, publish=True)
