import json

from django.core.management.base import BaseCommand, CommandError

from profiles.interchange import export_version
from profiles.models import Framework


class Command(BaseCommand):
    help = "Write a framework version in the interchange format (JSON)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version (a framework version) replaces Django's (the Django release).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--version", type=int, dest="number", help="Default: the published version, else the latest."
        )
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, slug, number, output, **options):
        framework = Framework.objects.filter(slug=slug).first()
        if framework is None:
            raise CommandError(f'No framework "{slug}".')
        version = framework.version(number)
        if version is None:
            raise CommandError(f'Framework "{slug}" has no version {number}.')
        text = json.dumps(export_version(version), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stderr.write(f"Wrote {version} to {output}.")
        else:
            self.stdout.write(text, ending="")
