"""Users: administrators become editors, the reporters' group becomes reporters, and
everyone keeps the password they had (see importer.hashers)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.text import strip_accents
from documents.access import REPORTER_GROUP
from importer.hashers import encode_nukeviet

from . import text
from .context import RowSkipped, fingerprint
from .times import moment

EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Thư ký tòa soạn"
# NukeViet's administrator levels (nv4_authors.lev).
SUPER_ADMIN, GENERAL_ADMIN = 1, 2


def group_titles(source):
    """{group_id: title}; 4.4+ keeps titles per language in _users_groups_detail."""
    detail = source.table("users_groups_detail")
    if source.has(detail):
        rows = source.rows(
            f"SELECT group_id, title FROM `{detail}` WHERE lang = %s", (source.lang,)
        )
    elif "title" in source.columns(source.table("users_groups")):
        rows = source.rows(f"SELECT group_id, title FROM `{source.table('users_groups')}`")
    else:
        rows = []
    return {row["group_id"]: text.title(row["title"]) for row in rows}


def reporter_group_ids(source, chosen=None):
    """The old group(s) whose members are reporters: --reporters-group, else by title."""
    titles = group_titles(source)
    if chosen:
        wanted = {part.strip() for part in str(chosen).split(",")}
        return {gid for gid, title in titles.items() if str(gid) in wanted or title in wanted}
    plain = strip_accents(REPORTER_GROUP).lower()
    return {gid for gid, title in titles.items() if plain in strip_accents(title).lower()}


def group_members(source, group_ids):
    """User ids in any of ``group_ids``: the membership table and users.in_groups."""
    members = set()
    if not group_ids:
        return members
    marks = ",".join(str(int(g)) for g in group_ids)
    link = source.table("users_groups_users")
    if source.has(link):
        approved = " AND approved = 1" if "approved" in source.columns(link) else ""
        members.update(
            source.column(f"SELECT userid FROM `{link}` WHERE group_id IN ({marks}){approved}")
        )
    for row in source.rows(f"SELECT userid, in_groups, group_id FROM `{source.table('users')}`"):
        if set(text.ids(row["in_groups"])) & set(group_ids) or row["group_id"] in group_ids:
            members.add(row["userid"])
    return members


def import_users(ctx, reporters_group=None):
    source = ctx.source
    table = source.table("users")
    if not source.has(table):
        ctx.report.note("Không có bảng tài khoản.")
        return
    User = get_user_model()
    reporter_ids = reporter_group_ids(source, reporters_group)
    reporters = group_members(source, reporter_ids)
    titles = group_titles(source)
    if reporter_ids:
        ctx.report.note(
            "Nhóm báo cáo viên trên NukeViet: "
            + ", ".join(f"{titles.get(g, g)} (#{g})" for g in sorted(reporter_ids))
            + f"; {len(reporters)} thành viên."
        )
    else:
        ctx.report.note("Không tìm thấy nhóm báo cáo viên (dùng --reporters-group để chỉ định).")
    admins = {}
    if source.has(source.table("authors")):
        admins = {
            row["admin_id"]: row
            for row in source.rows(f"SELECT * FROM `{source.table('authors')}`")
        }
    groups = {
        name: Group.objects.filter(name=name).first()
        for name in (REPORTER_GROUP, EDITORS, CHIEF_EDITORS)
    }
    rows = source.rows(f"SELECT * FROM `{table}` ORDER BY userid")
    bar = ctx.progress(len(rows), "tài khoản")

    def handle(row):
        kind = "user"
        username = text.title(row["username"])[:150]
        if not username:
            raise RowSkipped("tên đăng nhập trống")
        admin = admins.get(row["userid"])
        is_admin = admin is not None and not int(admin.get("is_suspend") or 0)
        password = (row.get("password") or "").strip()
        if password and not password.startswith("{") and not ctx.sitekey:
            ctx.report.warn(
                kind, table, row["userid"], "mật khẩu dạng cũ cần --sitekey; phải đặt lại"
            )
            encoded = "!"
        else:
            encoded = encode_nukeviet(password, ctx.sitekey) if password else "!"
        values = {
            "email": (row.get("email") or "")[:254],
            "first_name": text.title(row.get("first_name"))[:150],
            "last_name": text.title(row.get("last_name"))[:150],
            "is_active": bool(int(row.get("active") or 0)),
            "is_staff": is_admin,
            "is_superuser": is_admin and int(admin["lev"]) == SUPER_ADMIN,
        }
        wanted_groups = []
        if row["userid"] in reporters:
            wanted_groups.append(REPORTER_GROUP)
        if is_admin and int(admin["lev"]) == GENERAL_ADMIN:
            wanted_groups.append(CHIEF_EDITORS)
        elif is_admin and int(admin["lev"]) > GENERAL_ADMIN:
            wanted_groups.append(EDITORS)
        digest = fingerprint(values, encoded, wanted_groups)
        record = ctx.known(kind, row["userid"])
        user = User.objects.filter(pk=record.object_id).first() if record else None
        if user is None:
            user = User.objects.filter(username__iexact=username).first()
            if user is not None:
                raise RowSkipped(f"tên đăng nhập “{username}” đã có trên cổng mới")
            user = User(username=username, password=encoded, **values)
            user.date_joined = moment(row.get("regdate")) or user.date_joined
            user.last_login = moment(row.get("last_login"))
            user.save()
            ctx.report.add(kind, "imported")
        elif record.fingerprint == digest:
            ctx.report.add(kind, "unchanged")
            return
        else:
            for name, value in values.items():
                setattr(user, name, value)
            if user.password.startswith("nukeviet$") or not user.has_usable_password():
                # Not signed in here yet: take the password the old site has now.
                user.password = encoded
            user.save()
            ctx.report.add(kind, "updated")
        for name in wanted_groups:
            if groups[name]:
                user.groups.add(groups[name])
        ctx.remember(kind, row["userid"], user.pk, digest)

    ctx.each("user", table, rows, handle, key="userid", bar=bar)
    bar.close()


def import_category_editors(ctx):
    """NukeViet's per-category news rights: an editor listed on a category writes there."""
    from news.models import Category

    for module in ctx.source.modules("news"):
        table = ctx.source.lang_table(f"{module.module_data}_admins")
        if not ctx.source.has(table):
            continue
        for row in ctx.source.rows(f"SELECT * FROM `{table}` WHERE add_content = 1"):
            user_id = ctx.new_id("user", row["userid"])
            category_id = ctx.new_id("category", f"{module.title}:{row['catid']}")
            if user_id and category_id:
                Category.editors.through.objects.get_or_create(
                    category_id=category_id, user_id=user_id
                )
