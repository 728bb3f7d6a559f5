from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from profiles.interchange import read_json
from profiles.services import InvalidFramework, import_framework


class Command(BaseCommand):
    help = "Validate a framework file (JSON) and store it as a new version of its framework."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--publish", action="store_true", help="Publish the new version at once.")

    def handle(self, *args, path, publish, **options):
        try:
            data = read_json(path)
        except ValueError as error:
            raise CommandError(_("{path}: {error}. Nothing was written.").format(path=path, error=error)) from None
        try:
            version = import_framework(data=data, publish=publish)
        except InvalidFramework as error:
            count = len(error.problems)
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            frame = ngettext(
                "{path}: {count} problem found, nothing was written:",
                "{path}: {count} problems found, nothing was written:",
                count,
            )
            raise CommandError(f"{frame.format(path=path, count=count)}\n{lines}") from None
        self.stdout.write(self.style.SUCCESS(_("Loaded {version}.").format(version=version)))
