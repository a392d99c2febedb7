"""What /healthz asks the stats app."""


def last_flush_age_seconds():
    """Seconds since the last successful counter flush, or None if none yet."""
    return None
