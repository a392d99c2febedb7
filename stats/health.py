"""What /healthz asks the stats app."""

import time


def last_flush_age_seconds():
    """Seconds since the last successful counter flush, or None if none yet."""
    from stats.flush import last_flush_time

    try:
        last = last_flush_time()
    except Exception:  # healthz must answer even when the database is down
        return None
    if last is None:
        return None
    return max(0, round(time.time() - last, 1))
