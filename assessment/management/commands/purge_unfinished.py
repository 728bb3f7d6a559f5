from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.models import Attempt


class Command(BaseCommand):
    help = "Delete unfinished attempts not saved for a number of days (KAFAA_PURGE_UNFINISHED_DAYS by default)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        days = settings.KAFAA_PURGE_UNFINISHED_DAYS if days is None else days
        if days < 1:  # 0 or less would delete every attempt in progress, even one saved a second ago
            raise CommandError(_("--days must be at least 1 (got {days}): nothing was deleted.").format(days=days))
        cutoff = timezone.now() - timedelta(days=days)
        _total, deleted = Attempt.objects.in_progress().filter(updated_at__lt=cutoff).delete()
        deleted = deleted.get("assessment.Attempt", 0)
        message = ngettext(
            "Deleted {count} unfinished attempt not saved since {date}.",
            "Deleted {count} unfinished attempts not saved since {date}.",
            deleted,
        )
        self.stdout.write(message.format(count=deleted, date=f"{cutoff:%Y-%m-%d}"))
