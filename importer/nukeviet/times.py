"""NukeViet stores Unix seconds; 0 (or a negative number) means "not set"."""

from datetime import UTC, datetime

from django.utils import timezone


def moment(seconds):
    """An aware datetime, or None for 0 / invalid values."""
    try:
        seconds = int(seconds or 0)
    except (TypeError, ValueError):
        return None
    if seconds <= 0:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def local_date(seconds):
    """The site-local calendar date of a NukeViet timestamp (laws store local midnight)."""
    value = moment(seconds)
    return timezone.localtime(value).date() if value else None
