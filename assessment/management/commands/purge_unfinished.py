from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessment.models import Attempt


class Command(BaseCommand):
    help = "Delete unfinished attempts not saved for a number of days (KAFAA_PURGE_UNFINISHED_DAYS by default)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        days = settings.KAFAA_PURGE_UNFINISHED_DAYS if days is None else days
        if days < 1:  # 0 or less would delete every attempt in progress, even one saved a second ago
            raise CommandError(f"--days must be at least 1 (got {days}): nothing was deleted.")
        cutoff = timezone.now() - timedelta(days=days)
        _total, deleted = Attempt.objects.in_progress().filter(updated_at__lt=cutoff).delete()
        deleted = deleted.get("assessment.Attempt", 0)
        self.stdout.write(f"Deleted {deleted} unfinished attempt(s) not saved since {cutoff:%Y-%m-%d}.")
