"""The flush: Redis -> PostgreSQL, one bulk statement per model, exactly once."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connection

from core import redis as portal_redis
from stats import clock, flush
from stats.health import last_flush_age_seconds
from stats.models import AppliedBatch, DailyObjectCount, DailyStats
from tests.documents.factories import DocumentFactory
from tests.news.factories import ArticleFactory
from tests.readers import make_reader
from tests.stats.helpers import pending

pytestmark = pytest.mark.urls("tests.stats.urls")


def visit_pages(travel, obj, visitors=3):
    for n in range(visitors):
        client = make_reader(ip=f"192.0.2.{n + 1}")
        client.get(f"/t/xem/{obj.pk}/")
        client.get(f"/t/tai/{obj.pk}/")


def object_counts(obj):
    content_type = ContentType.objects.get_for_model(obj)
    rows = DailyObjectCount.objects.filter(content_type=content_type, object_id=obj.pk)
    return sum(r.views for r in rows), sum(r.downloads for r in rows)


@pytest.mark.django_db
def test_flush_moves_pending_counts_and_daily_figures_to_postgresql(travel, counted_object):
    visit_pages(travel, counted_object)
    summary = flush.flush()
    assert summary["batches"] == 1 and not summary["skipped"]
    assert pending() == {}
    assert object_counts(counted_object) == (3, 3)
    day = DailyStats.objects.get(day=clock.local_day(travel()))
    assert (day.visits, day.page_views, day.views, day.downloads) == (3, 3, 3, 3)
    assert AppliedBatch.objects.count() == 1
    assert flush.flush()["batches"] == 0  # nothing pending: nothing applied twice
    assert object_counts(counted_object) == (3, 3)


@pytest.mark.django_db
def test_flush_updates_counter_fields_with_one_statement_per_model(travel, django_user_model):
    articles = ArticleFactory.create_batch(3)
    documents = DocumentFactory.create_batch(2)
    client = make_reader()
    for article in articles:
        client.get(article.get_absolute_url())
    for document in documents:
        client.get(document.get_absolute_url())
    statements = []

    def spy(execute, sql, params, many, context):
        statements.append(sql.split()[0] + " " + sql.split()[1])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        flush.flush()
    updates = [s for s in statements if s.startswith("UPDATE")]
    assert len(updates) == 2  # news_article and documents_document, each in one statement
    for obj in [*articles, *documents]:
        obj.refresh_from_db()
        assert obj.view_count == 1


@pytest.mark.django_db
def test_a_transaction_postgresql_refuses_loses_and_doubles_nothing(travel, counted_object):
    visit_pages(travel, counted_object, visitors=2)
    table = DailyStats._meta.db_table
    with connection.cursor() as cursor:
        # The last statement of the flush fails: everything before it must roll back.
        cursor.execute(
            "CREATE FUNCTION stats_refuse() RETURNS trigger AS "
            "$$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            f"CREATE TRIGGER stats_refuse BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION stats_refuse()"
        )
    with pytest.raises(DatabaseError):
        flush.flush()
    assert object_counts(counted_object) == (0, 0)
    assert not AppliedBatch.objects.exists()
    # Meanwhile: the first address and agent again without a cookie (already counted), and
    # a new reader.
    make_reader(ip="192.0.2.1").get(f"/t/xem/{counted_object.pk}/")
    make_reader(ip="192.0.2.50").get(f"/t/xem/{counted_object.pk}/")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER stats_refuse ON {table}")
        cursor.execute("DROP FUNCTION stats_refuse()")
    summary = flush.flush()
    assert summary["batches"] == 2  # the refused batch, then the new one
    assert object_counts(counted_object) == (3, 2)
    assert DailyStats.objects.get().visits == 3


@pytest.mark.django_db
def test_leftover_batch_already_committed_is_only_deleted(travel, counted_object):
    visit_pages(travel, counted_object, visitors=2)
    client = portal_redis.get_client()
    flush.flush()
    # As if a flush died after COMMIT but before deleting its batch key.
    batch_id = AppliedBatch.objects.get().batch_id
    client.hset(flush.batch_key(batch_id), "o|2026-03-11|auth.user|1|v", 2)
    client.sadd(flush.batches_key(), batch_id)
    flush.flush()
    assert object_counts(counted_object) == (2, 2)
    assert not client.exists(flush.batch_key(batch_id))
    assert client.smembers(flush.batches_key()) == set()


@pytest.mark.django_db
def test_a_second_flush_while_one_holds_the_lock_does_nothing(travel, counted_object):
    visit_pages(travel, counted_object, visitors=1)
    client = portal_redis.get_client()
    client.set(flush.lock_key(), "someone-else", ex=60)
    assert flush.flush()["skipped"] is True
    assert pending() != {}
    client.delete(flush.lock_key())
    assert flush.flush()["batches"] == 1


@pytest.mark.django_db
def test_stats_flush_command_and_health_age(travel, counted_object):
    assert last_flush_age_seconds() is None
    visit_pages(travel, counted_object, visitors=1)
    call_command("stats_flush")
    assert object_counts(counted_object) == (1, 1)
    age = last_flush_age_seconds()
    assert age is not None and age >= 0


@pytest.mark.django_db
def test_days_follow_ho_chi_minh_time_and_roll_up_after_midnight(travel):
    from stats.services import roll_up

    travel.set_local(2026, 3, 11, 23, 59, 30)  # 16:59:30 UTC
    make_reader(ip="192.0.2.1").get("/t/trang/")
    make_reader(ip="192.0.2.2").get("/t/trang/")
    travel.set_local(2026, 3, 12, 0, 0, 30)
    make_reader(ip="192.0.2.1").get("/t/trang/")  # same visit, but a visitor of the new day
    make_reader(ip="192.0.2.3").get("/t/trang/")
    flush.flush()
    travel.set_local(2026, 3, 12, 0, 5)
    roll_up()
    before = DailyStats.objects.get(day=datetime.date(2026, 3, 11))
    after = DailyStats.objects.get(day=datetime.date(2026, 3, 12))
    assert (before.visits, before.page_views, before.unique_visitors, before.closed) == (
        2,
        2,
        2,
        True,
    )
    assert (after.visits, after.page_views, after.unique_visitors, after.closed) == (
        1,
        2,
        2,
        False,
    )
    roll_up()  # idempotent
    assert DailyStats.objects.get(day=datetime.date(2026, 3, 11)).visits == 2


@pytest.mark.django_db
def test_a_batch_committed_by_a_concurrent_flush_is_not_applied_twice(travel, counted_object):
    visit_pages(travel, counted_object, visitors=2)
    client = portal_redis.get_client()
    batch_id = "1-concurrent"
    client.rename(flush.pending_key(), flush.batch_key(batch_id))
    client.sadd(flush.batches_key(), batch_id)
    raw = client.hgetall(flush.batch_key(batch_id))
    # Another flush (whose lock had expired) applied it and has not yet deleted the key.
    AppliedBatch.objects.create(batch_id=batch_id)
    flush._apply(flush._parse(raw))
    flush._apply_batch(client, batch_id)
    assert object_counts(counted_object) == (2, 2)
    assert not client.exists(flush.batch_key(batch_id))


@pytest.mark.django_db(transaction=True)
def test_two_flushes_racing_on_one_batch_apply_it_once(travel, django_user_model):
    import threading

    from django.db import connections, transaction

    obj = django_user_model.objects.create(username="doc-gia")
    visit_pages(travel, obj, visitors=2)
    client = portal_redis.get_client()
    batch_id = "1-race"
    client.rename(flush.pending_key(), flush.batch_key(batch_id))
    client.sadd(flush.batches_key(), batch_id)
    raw = client.hgetall(flush.batch_key(batch_id))
    inserted, release = threading.Event(), threading.Event()

    def other_flush():
        # The first flush: its transaction holds the batch id while this test's flush starts.
        try:
            with transaction.atomic():
                AppliedBatch.objects.create(batch_id=batch_id)
                flush._apply(flush._parse(raw))
                inserted.set()
                release.wait(60)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_flush)
    thread.start()
    assert inserted.wait(60)
    threading.Timer(0.5, release.set).start()  # commit while the second flush waits on the key
    flush._apply_batch(client, batch_id)
    thread.join()
    assert object_counts(obj) == (2, 2)
    assert not client.exists(flush.batch_key(batch_id))
