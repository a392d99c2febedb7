"""The checks behind /healthz: each answers (ok, detail)."""

from django.conf import settings
from django.db import connection
from kombu import Connection

from core import redis as portal_redis


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:  # any driver error means "down"
        return False, f"error: {exc.__class__.__name__}"


def check_redis():
    try:
        portal_redis.get_client().ping()
        return True, "ok"
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "healthz")
        return False, f"error: {exc.__class__.__name__}"


def check_broker():
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
            transport_options={"socket_timeout": settings.REDIS_SOCKET_TIMEOUT},
        ) as conn:
            conn.ensure_connection(max_retries=0)
        return True, "ok"
    except Exception as exc:  # kombu wraps transport errors in several classes
        return False, f"error: {exc.__class__.__name__}"
