import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import translation

from profiles.interchange import export_version
from profiles.models import Certification, Framework, FrameworkVersion, Role
from profiles.services import import_framework
from tests.frameworks import minimal

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def write(tmp_path, data, name="framework.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_framework_stores_a_new_version(tmp_path, capsys):
    call_command("load_framework", str(write(tmp_path, minimal())), "--publish")
    version = FrameworkVersion.objects.get()
    assert (version.framework.slug, version.number, version.status) == ("mini", 1, "published")
    assert "mini v1" in capsys.readouterr().out


def test_load_framework_lists_every_problem_and_writes_nothing(tmp_path):
    data = minimal()
    data["roles"][1]["requirements"][0]["competencies"] = ["python", "pytorh"]
    data["roles"][0]["requirements"][0]["weight"] = 9
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("load_framework", str(write(tmp_path, data)))
    message = str(error.value)
    assert "2 problems found, nothing was written:" in message
    assert 'roles[1].requirements[0].competencies[1]: unknown competency "pytorh"' in message
    assert "roles[0].requirements[0].weight: 9 is out of range 1–5" in message
    assert not Framework.objects.exists()


def test_load_framework_speaks_one_language(tmp_path):
    data = minimal()
    data["roles"][0]["requirements"][0]["weight"] = 9
    with translation.override("fr"), pytest.raises(CommandError) as error:
        call_command("load_framework", str(write(tmp_path, data)))
    assert "framework.json : 1 problème trouvé, rien n’a été écrit :" in str(error.value)
    assert "roles[0].requirements[0].weight: 9 est hors de l’intervalle 1–5" in str(error.value)
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("load_framework", str(write(tmp_path, data)))
    assert "framework.json: 1 problem found, nothing was written:" in str(error.value)


def test_load_framework_refuses_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "kafaa-framework/1",', encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_framework", str(path))
    with translation.override("en"), pytest.raises(CommandError, match="cannot read the file"):
        call_command("load_framework", str(tmp_path / "absent.json"))
    assert not Framework.objects.exists()


def test_load_framework_exits_with_status_1_on_a_bad_file(tmp_path):
    data = minimal()
    data["levels"] = data["levels"][:4]
    result = subprocess.run(
        [sys.executable, "manage.py", "load_framework", str(write(tmp_path, data))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 1
    assert "levels: " in result.stderr


def test_export_then_import_then_export_is_identical():
    first = export_version(import_framework(data=minimal()))
    second = export_version(import_framework(data=first))
    assert {**second, "version": 1} == first


def test_export_writes_what_was_loaded(tmp_path):
    import_framework(data=minimal(), publish=True)
    output = tmp_path / "out.json"
    call_command("export_framework", "mini", "-o", str(output))
    assert json.loads(output.read_text(encoding="utf-8")) == minimal()


def test_export_takes_the_published_version_or_the_one_asked(capsys):
    import_framework(data=minimal(), publish=True)
    changed = minimal()
    changed["title"] = {"fr": "Nouveau", "en": "New"}
    import_framework(data=changed)
    call_command("export_framework", "mini")
    assert json.loads(capsys.readouterr().out)["version"] == 1
    call_command("export_framework", "mini", "--version", "2")
    assert json.loads(capsys.readouterr().out)["title"] == {"fr": "Nouveau", "en": "New"}
    with pytest.raises(CommandError, match="no version 3"):
        call_command("export_framework", "mini", "--version", "3")
    with pytest.raises(CommandError, match='No framework "nope"'):
        call_command("export_framework", "nope")


def test_the_ml_engineer_file_round_trips(ml_data):
    assert export_version(import_framework(data=ml_data)) == ml_data


def test_seed_demo_loads_the_framework_and_accounts_once(capsys, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert FrameworkVersion.objects.filter(framework__slug="ml-engineer", status="published").count() == 1
    assert all(
        f"{user} / {password}" in out
        for user, password in [("admin", "kafaa-admin-demo"), ("amina", "kafaa-amina-demo")]
    )
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="trainer").groups.filter(name="trainer").exists()
    assert User.objects.filter(username__in=["amina", "youssef"], is_staff=False).count() == 2
    assert Role.objects.filter(version__framework__slug="ml-engineer", is_entry=True).get().code == "ml-engineer"
    assert Certification.objects.exists()


def test_seed_demo_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG is false"):
        call_command("seed_demo")
