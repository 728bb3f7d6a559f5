from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from profiles.models import TRAINER_GROUP, Framework
from profiles.services import import_framework

FRAMEWORK_FILE = Path(__file__).resolve().parents[2] / "frameworks" / "ml-engineer.json"
# (username, password, role, first name) — demo only, refused when DEBUG is off.
DEMO_USERS = [
    ("admin", "kafaa-admin-demo", "admin", "Nadia"),
    ("trainer", "kafaa-trainer-demo", "trainer", "Karim"),
    ("amina", "kafaa-amina-demo", "candidate", "Amina"),
    ("youssef", "kafaa-youssef-demo", "candidate", "Youssef"),
]


class Command(BaseCommand):
    help = "Load the ML Engineer framework (if absent) and create the demo accounts (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts are for development: DJANGO_DEBUG is false (use --force to insist).")
        if not Framework.objects.filter(slug="ml-engineer").exists():
            self.stdout.write(f"Loading {FRAMEWORK_FILE.name}…")
            self.stdout.write(f"Loaded {self._load()}.")
        trainers = Group.objects.get(name=TRAINER_GROUP)
        for username, password, role, first_name in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first_name, "email": f"{username}@kafaa.local"}
            )
            if created:
                user.set_password(password)
                user.is_staff = user.is_superuser = role == "admin"
                user.save()
                if role == "trainer":
                    user.groups.add(trainers)
        self.stdout.write("\nDemo logins (user / password):")
        for username, password, role, _first_name in DEMO_USERS:
            self.stdout.write(f"  {role:<10} {username} / {password}")

    def _load(self):
        import json

        data = json.loads(FRAMEWORK_FILE.read_text(encoding="utf-8"))
        return import_framework(data=data, publish=True)
