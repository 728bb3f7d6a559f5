import json

from django.core.management.base import BaseCommand, CommandError

from profiles.services import InvalidFramework, import_framework


class Command(BaseCommand):
    help = "Validate a framework file (JSON) and store it as a new version of its framework."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--publish", action="store_true", help="Publish the new version at once.")

    def handle(self, *args, path, publish, **options):
        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: not valid JSON ({error}). Nothing was written.") from None
        try:
            version = import_framework(data=data, publish=publish)
        except InvalidFramework as error:
            count = len(error.problems)
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"{path}: {count} problem(s) found, nothing was written:\n{lines}") from None
        self.stdout.write(self.style.SUCCESS(f"Loaded {version}."))
