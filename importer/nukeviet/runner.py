"""One import of a NukeViet site, step by step, in the order the rows depend on each other."""

from django.db import transaction

from core.versions import bump_all
from portal.models import SiteSettings
from stats.models import StatsSettings
from stats.services import clear_block_cache

from .accounts import import_category_editors, import_users
from .context import ImportContext
from .documents import import_documents
from .news import import_news
from .polls import import_polls
from .site import import_banners, import_site_settings
from .statistics import import_statistics


def run_import(
    source,
    uploads=None,
    dry_run=False,
    sitekey="",
    reporters_group=None,
    progress=True,
    today=None,
    batch_size=200,
):
    """Import everything; returns the ImportReport. With ``dry_run`` nothing is kept."""
    ctx = ImportContext(
        source,
        uploads=uploads,
        dry_run=dry_run,
        sitekey=sitekey,
        progress=progress,
        batch_size=batch_size,
    )
    steps = [
        lambda: import_site_settings(ctx),
        lambda: import_users(ctx, reporters_group),
        lambda: import_news(ctx),
        lambda: import_category_editors(ctx),
        lambda: import_documents(ctx),
        lambda: import_polls(ctx),
        lambda: import_banners(ctx),
        lambda: import_statistics(ctx, today=today),
    ]
    if dry_run:
        with transaction.atomic():
            for step in steps:
                step()
                ctx.flush_redirects()
            transaction.set_rollback(True)
        # django-solo caches singletons outside the transaction: drop what the run put there.
        SiteSettings.clear_cache()
        StatsSettings.clear_cache()
    else:
        for step in steps:
            step()
            ctx.flush_redirects()
        # Counters and rows written with update() send no signal: refresh what pages cache.
        bump_all()
        clear_block_cache()
    if not uploads:
        ctx.report.note("Không có --uploads: ảnh và tệp không được chép.")
    return ctx.report
