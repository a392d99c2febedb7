"""The site's identity (SiteSettings) and its banners."""

import phpserialize

from portal.models import Banner, SiteSettings

from . import text
from .context import IMAGE_EXTENSIONS, RowSkipped, fingerprint
from .times import moment


def theme_block_config(source, file_name):
    """The PHP-serialised settings of a theme block, e.g. global.company_info.php."""
    table = source.lang_table("blocks_groups")
    if not source.has(table):
        return {}
    row = next(
        iter(
            source.rows(
                f"SELECT config FROM `{table}` WHERE file_name = %s ORDER BY bid LIMIT 1",
                (file_name,),
            )
        ),
        None,
    )
    if not row or not row["config"]:
        return {}
    try:
        data = phpserialize.loads(row["config"].encode("utf-8"), decode_strings=True)
    except ValueError:
        return {}
    return {str(key): value for key, value in data.items()} if isinstance(data, dict) else {}


def import_site_settings(ctx):
    config = ctx.source.config
    company = theme_block_config(ctx.source, "global.company_info.php")
    copyright = theme_block_config(ctx.source, "global.copyright.php")
    found = {
        "site_name": text.title(config.get("site_name")),
        "tagline": text.title(config.get("site_description")),
        "owner_name": text.title(company.get("company_name")),
        "licence": text.title(company.get("company_licensenumber")),
        "responsible_person": text.title(company.get("company_responsibility")),
        "address": text.title(company.get("company_address")),
        "phone": text.title(company.get("company_phone") or config.get("site_phone")),
        "fax": text.title(company.get("company_fax")),
        "email": (company.get("company_email") or config.get("site_email") or "").strip(),
        "republish_notice": text.title(copyright.get("copyright_by")),
    }
    settings = SiteSettings.get_solo()
    values = {}
    for name, value in found.items():
        if value:
            limit = SiteSettings._meta.get_field(name).max_length
            values[name] = value[:limit]
    digest = fingerprint(values)
    record = ctx.known("site_settings", "site")
    if record and record.fingerprint == digest:
        ctx.report.add("site_settings", "unchanged")
        return
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    ctx.report.add("site_settings", "updated" if record else "imported")
    ctx.remember("site_settings", "site", settings.pk, digest)


def banner_position(plan_title):
    plain = (plan_title or "").lower()
    if any(word in plain for word in ("right", "left", "phải", "trái", "cột")):
        return Banner.Position.RIGHT
    if any(word in plain for word in ("footer", "bottom", "cuối", "chân")):
        return Banner.Position.BOTTOM
    return Banner.Position.TOP


def import_banners(ctx):
    source = ctx.source
    table = source.table("banners_rows")
    if not source.has(table):
        return
    plans = {}
    if source.has(source.table("banners_plans")):
        plans = {
            row["id"]: row["title"]
            for row in source.rows(f"SELECT id, title FROM `{source.table('banners_plans')}`")
        }
    rows = source.rows(f"SELECT * FROM `{table}` ORDER BY id")

    def handle(row):
        title = text.title(row["title"]) or f"Banner {row['id']}"
        file_name = (row.get("file_name") or "").strip()
        if not file_name or file_name.rsplit(".", 1)[-1].lower() not in IMAGE_EXTENSIONS:
            raise RowSkipped("banner không có ảnh (mã HTML hoặc Flash không được chuyển)")
        image = ctx.copy_public(f"uploads/banners/{file_name}")
        if image is None:
            raise RowSkipped(f"thiếu ảnh uploads/banners/{file_name}")
        link = (row.get("click_url") or "").strip()
        values = {
            "title": title[:200],
            "image": image,
            "link": link if link.startswith(("http://", "https://")) else "",
            "position": banner_position(plans.get(row.get("pid"))),
            "order": max(int(row.get("weight") or 0), 0),
            "is_active": bool(int(row.get("act") or 0)),
            "active_from": moment(row.get("publ_time")),
            "active_until": moment(row.get("exp_time")),
        }
        digest = fingerprint(values)
        record = ctx.known("banner", row["id"])
        if record and record.fingerprint == digest:
            ctx.report.add("banner", "unchanged")
            return
        banner = Banner.objects.filter(pk=record.object_id).first() if record else None
        ctx.report.add("banner", "updated" if banner else "imported")
        banner = banner or Banner()
        for name, value in values.items():
            setattr(banner, name, value)
        banner.save()
        ctx.remember("banner", row["id"], banner.pk, digest)

    ctx.each("banner", table, rows, handle)
