"""News modules (the stock `news` and virtual copies): categories, tags, articles, comments."""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.db import transaction
from django.db.models import F
from django.urls import reverse

from core.text import slugify_vi
from news.models import Article, Category, Comment, Tag
from news.sanitize import clean_html

from . import text
from .context import IMAGE_EXTENSIONS, RowSkipped, fingerprint
from .times import moment

# NukeViet adds this to an article's status while its category is suspended.
ROW_LOCKED_OFFSET = 21
STATUS = {
    0: Article.Status.DRAFT,  # Ngưng hiệu lực: taken down
    1: Article.Status.PUBLISHED,
    2: Article.Status.PUBLISHED,  # Hẹn giờ đăng: publish time in the future
    3: Article.Status.PUBLISHED,  # Hết hạn: expiry time passed
    4: Article.Status.DRAFT,  # Lưu nháp
    5: Article.Status.PENDING,  # Chuyển duyệt bài
    6: Article.Status.REJECTED,  # Từ chối duyệt bài
    7: Article.Status.PENDING,  # Đang duyệt bài
    8: Article.Status.PENDING,  # Chuyển đăng bài
    9: Article.Status.REJECTED,  # Từ chối đăng bài
    10: Article.Status.PENDING,  # Đang kiểm tra để đăng
}
_LINK = re.compile(r"""(?P<attr>\b(?:src|href))\s*=\s*(?P<q>["'])(?P<url>[^"']*)(?P=q)""", re.I)


def unique_slug(model, slug, own_pk=None, max_length=160):
    slug = slug[:max_length].strip("-") or "muc"
    candidate, number = slug, 1
    while model.objects.filter(slug=candidate).exclude(pk=own_pk).exists():
        number += 1
        candidate = f"{slug[: max_length - 4]}-{number}"
    return candidate


class BodyRewriter:
    """Points an old body's uploads at their copies here; reports what it could not find."""

    def __init__(self, ctx):
        self.ctx = ctx
        domains = {"", "127.0.0.1", "localhost"}
        for value in (
            ctx.source.config.get("my_domains", ""),
            ctx.source.config.get("site_domain", ""),
        ):
            domains.update(d.strip().lower() for d in value.split(",") if d.strip())
        self.domains = domains
        self.missing = []

    def local_file(self, url):
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("", "http", "https") or host not in self.domains:
            return None
        path = parts.path.lstrip("/")
        if path.startswith(("uploads/", "assets/")):
            return path
        return None

    def __call__(self, html):
        self.missing = []

        def replace(match):
            relative = self.local_file(match["url"])
            if relative is None:
                return match.group(0)
            name = self.ctx.copy_public(relative)
            if name is None:
                self.missing.append(relative)
                return match.group(0)
            return f"{match['attr']}={match['q']}{self.ctx.media_url(name)}{match['q']}"

        return _LINK.sub(replace, html)


@dataclass
class ArticlePlan:
    """An old article row and the article it becomes here."""

    row: dict
    key: str
    values: dict
    counters: dict
    tag_ids: list
    digest: str
    record: object
    article: Article | None = None

    def old_id(self):
        return self.row["id"]

    def build(self):
        """The new article, prepared as Article.save() would (bulk_create skips save())."""
        values = dict(self.values, body=clean_html(self.values["body"]))
        slug = slugify_vi(self.row["alias"] or values["title"], max_length=300) or "bai-viet"
        self.article = Article(slug=slug, **values, **self.counters)
        return self.article


def decode_status(value):
    """(our status, locked by a suspended category) from NukeViet's status number."""
    value = int(value or 0)
    locked = value >= ROW_LOCKED_OFFSET
    if locked:
        value -= ROW_LOCKED_OFFSET
    return STATUS.get(value, Article.Status.DRAFT), locked


class NewsModuleImport:
    def __init__(self, ctx, module, primary):
        self.ctx = ctx
        self.source = ctx.source
        self.module = module
        self.primary = primary
        self.key = module.title
        self.table = lambda name: self.source.lang_table(f"{module.module_data}_{name}")
        self.rewrite = BodyRewriter(ctx)
        self.category_alias = {}
        self.featured_ids = set()
        self.sources = {}
        self.category_slugs = {}

    # Categories -------------------------------------------------------------------
    def module_parent(self):
        """A virtual news module becomes one top-level category holding its categories."""
        if self.primary:
            return None
        kind = "category"
        old_id = f"{self.key}:module"
        name = text.title(self.module.custom_title) or self.module.title
        digest = fingerprint(name)
        record = self.ctx.known(kind, old_id)
        category = Category.objects.filter(pk=record.object_id).first() if record else None
        if category is None:
            category = Category.objects.create(
                name=name, slug=unique_slug(Category, slugify_vi(self.module.title))
            )
            self.ctx.report.add(kind, "imported")
        else:
            self.ctx.report.add(kind, "unchanged")
        self.ctx.remember(kind, old_id, category.pk, digest)
        self.ctx.module_redirects(self.module, "", category.get_absolute_url(), kind)
        return category

    def import_categories(self):
        table = self.table("cat")
        if not self.source.has(table):
            self.ctx.report.note(f"Module {self.key}: thiếu bảng {table}, bỏ qua chuyên mục.")
            return
        parent_of_module = self.module_parent()
        rows = self.source.rows(f"SELECT * FROM `{table}` ORDER BY lev, parentid, weight, catid")
        bar = self.ctx.progress(len(rows), f"{self.key}: chuyên mục")

        def handle(row):
            kind = "category"
            old_id = f"{self.key}:{row['catid']}"
            self.category_alias[row["catid"]] = row["alias"]
            parent_id = self.ctx.new_id(kind, f"{self.key}:{row['parentid']}")
            if row["parentid"] and parent_id is None:
                raise RowSkipped(f"chuyên mục cha {row['parentid']} không tồn tại")
            if parent_id is None and parent_of_module is not None:
                parent_id = parent_of_module.pk
            status = int(row.get("status") or 0)
            values = {
                "name": text.title(row["title"]),
                "parent_id": parent_id,
                "description": text.plain(row.get("description")),
                "order": int(row.get("weight") or 0),
                # 0 is suspended, 10+ suspended with its parent (cat_locked_status).
                "show_in_menu": status in (1, 2),
            }
            if not values["name"]:
                raise RowSkipped("tên chuyên mục trống")
            record = self.ctx.known(kind, old_id)
            digest = fingerprint(values, row["alias"])
            category = Category.objects.filter(pk=record.object_id).first() if record else None
            if category is None:
                slug = unique_slug(Category, slugify_vi(row["alias"] or values["name"]))
                category = Category.objects.create(slug=slug, **values)
                self.ctx.report.add(kind, "imported")
            elif record.fingerprint != digest:
                for name, value in values.items():
                    setattr(category, name, value)
                category.save()
                self.ctx.report.add(kind, "updated")
            else:
                self.ctx.report.add(kind, "unchanged")
            self.ctx.remember(kind, old_id, category.pk, digest)
            url = category.get_absolute_url()
            self.ctx.module_redirects(self.module, row["alias"], url, kind)
            self.ctx.module_redirects(
                self.module,
                f"{self.module.alias('rss')}/{row['alias']}",
                reverse("news:rss_category", kwargs={"category": category.slug}),
                kind,
            )

        self.ctx.each("category", table, rows, handle, key="catid", bar=bar)
        bar.close()

    # Tags -------------------------------------------------------------------------
    def import_tags(self):
        table = self.table("tags")
        if not self.source.has(table):
            return
        rows = self.source.rows(f"SELECT * FROM `{table}` ORDER BY tid")
        bar = self.ctx.progress(len(rows), f"{self.key}: từ khóa")

        def handle(row):
            kind = "tag"
            name = text.title(row.get("title") or "") or text.title(row.get("keywords") or "")
            name = name or text.title(row["alias"].replace("-", " "))
            if not name:
                raise RowSkipped("từ khóa trống")
            name = name[:100]
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(
                    name=name, slug=unique_slug(Tag, slugify_vi(name), max_length=120)
                )
                self.ctx.report.add(kind, "imported")
            else:
                self.ctx.report.add(kind, "unchanged")
            self.ctx.remember(kind, f"{self.key}:{row['tid']}", tag.pk, fingerprint(name))
            target = reverse("search") + "?q=" + quote(name)
            self.ctx.module_redirects(
                self.module, f"{self.module.alias('tag')}/{row['alias']}", target, kind
            )

        self.ctx.each("tag", table, rows, handle, key="tid", bar=bar)
        bar.close()

    # Articles -----------------------------------------------------------------------
    def _load_lookups(self):
        blocks = self.table("block_cat")
        if self.source.has(blocks):
            featured = self.source.column(
                f"SELECT bid FROM `{blocks}` WHERE adddefault = 0"
                if "adddefault" in self.source.columns(blocks)
                else f"SELECT bid FROM `{blocks}`"
            )
            if featured:
                marks = ",".join(str(int(bid)) for bid in featured)
                self.featured_ids = set(
                    self.source.column(
                        f"SELECT id FROM `{self.table('block')}` WHERE bid IN ({marks})"
                    )
                )
        if self.source.has(self.table("sources")):
            self.sources = {
                row["sourceid"]: text.title(row["title"]) or row.get("link", "")
                for row in self.source.rows(f"SELECT * FROM `{self.table('sources')}`")
            }
        self.tags_of = {}
        if self.source.has(self.table("tags_id")):
            for row in self.source.rows(f"SELECT id, tid FROM `{self.table('tags_id')}`"):
                self.tags_of.setdefault(row["id"], []).append(row["tid"])

    def import_articles(self):
        rows_table, detail = self.table("rows"), self.table("detail")
        if not self.source.has(rows_table):
            return
        self._load_lookups()
        has_detail = self.source.has(detail)
        select = "t.*" + (", d.bodyhtml, d.sourcetext" if has_detail else "")
        joins = f"LEFT JOIN `{detail}` d ON d.id = t.id" if has_detail else ""
        bar = self.ctx.progress(self.source.count(rows_table), f"{self.key}: bài viết")
        for chunk in self.source.batches(
            rows_table, "id", self.ctx.batch_size, select=select, joins=joins
        ):
            with transaction.atomic():
                self.import_batch(rows_table, chunk)
            bar.update(len(chunk))
        bar.close()

    def import_batch(self, table, rows):
        """A batch of articles: new ones in one INSERT, changed ones one by one."""
        fresh, changed = [], []
        for row in rows:
            try:
                plan = self.plan_article(row)
            except RowSkipped as skipped:
                self.ctx.report.skip("article", table, row["id"], str(skipped))
                continue
            if plan.record is None:
                fresh.append(plan)
            elif plan.record.fingerprint == plan.digest:
                self.ctx.report.add("article", "unchanged")
            else:
                changed.append(plan)
        self.ctx.each("article", table, changed, self.update_article, key=ArticlePlan.old_id)
        self.create_articles(table, fresh)
        self.ctx.flush_redirects()

    def _cover(self, row):
        image, kind = (row.get("homeimgfile") or "").strip(), int(row.get("homeimgthumb") or 0)
        if not image or kind == 0:
            return ""
        if kind == 3 or image.startswith(("http://", "https://")):
            self.ctx.report.warn(
                "article", self.table("rows"), row["id"], "ảnh đại diện ở trang ngoài, không chép"
            )
            return ""
        relative = f"uploads/{self.module.module_upload}/{image}"
        if relative.rsplit(".", 1)[-1].lower() not in IMAGE_EXTENSIONS:
            return ""
        name = self.ctx.copy_public(relative)
        if name is None:
            self.ctx.report.warn(
                "article", self.table("rows"), row["id"], f"thiếu ảnh đại diện {relative}"
            )
            return ""
        return name

    def plan_article(self, row):
        """What the old row says the article is; RowSkipped when it cannot be imported."""
        kind = "article"
        status, locked = decode_status(row["status"])
        category_id = None
        for catid in [row["catid"], *text.ids(row.get("listcatid"))]:
            category_id = self.ctx.new_id("category", f"{self.key}:{catid}")
            if category_id:
                break
        if category_id is None:
            raise RowSkipped(f"chuyên mục {row['catid']} không tồn tại")
        title = text.title(row["title"])
        if not title:
            raise RowSkipped("tiêu đề trống")
        published_at = moment(row.get("publtime")) or moment(row.get("addtime"))
        expires_at = moment(row.get("exptime"))
        if status == Article.Status.PUBLISHED and published_at is None:
            raise RowSkipped("thời gian đăng không hợp lệ (0)")
        if expires_at and published_at and expires_at <= published_at:
            self.ctx.report.warn(
                kind, self.table("rows"), row["id"], "hết hạn trước khi đăng, bỏ hạn"
            )
            expires_at = None
        if locked:
            # Hidden on the old site while its category was suspended: keep it hidden.
            status = Article.Status.DRAFT
        body = self.rewrite(text.body(row.get("bodyhtml")))
        for missing in self.rewrite.missing:
            self.ctx.report.warn(kind, self.table("detail"), row["id"], f"thiếu tệp {missing}")
        values = {
            "title": title[:300],
            "category_id": category_id,
            "lead": text.plain(row.get("hometext")),
            "body": body,
            "cover": self._cover(row),
            "cover_caption": text.title(row.get("homeimgalt"))[:300],
            "byline": text.title(row.get("author"))[:200],
            "source": (
                self.sources.get(row.get("sourceid")) or text.title(row.get("sourcetext") or "")
            )[:200],
            "status": status,
            "reject_reason": "Bị từ chối trên hệ thống cũ (NukeViet)."
            if status == Article.Status.REJECTED
            else "",
            "published_at": published_at,
            "expires_at": expires_at,
            "featured": row["id"] in self.featured_ids,
            "allow_comments": str(row.get("allowed_comm", "6")).strip() not in ("0", ""),
            "allow_rating": bool(int(row.get("allowed_rating") or 0)),
            "author_id": self.ctx.new_id("user", row.get("admin_id")),
        }
        counters = {
            "view_count": int(row.get("hitstotal") or 0),
            "rating_total": max(int(row.get("total_rating") or 0), 0),
            "rating_count": max(int(row.get("click_rating") or 0), 0),
        }
        tag_ids = sorted(
            {
                tag
                for tag in (
                    self.ctx.new_id("tag", f"{self.key}:{tid}")
                    for tid in self.tags_of.get(row["id"], [])
                )
                if tag
            }
        )
        key = f"{self.key}:{row['id']}"
        return ArticlePlan(
            row=row,
            key=key,
            values=values,
            counters=counters,
            tag_ids=tag_ids,
            digest=fingerprint(values, counters, tag_ids),
            record=self.ctx.known(kind, key),
        )

    def create_articles(self, table, plans):
        """The batch's new articles, their tags, records and old addresses."""
        saved = self.ctx.create_all(
            "article",
            table,
            Article,
            [(plan, plan.build()) for plan in plans],
            old_id=ArticlePlan.old_id,
        )
        plans = [plan for plan, _ in saved]
        # created_at is auto_now_add: the old creation time is written afterwards.
        for plan in plans:
            plan.article.created_at = moment(plan.row.get("addtime")) or plan.article.created_at
        Article.objects.bulk_update([plan.article for plan in plans], ["created_at"])
        Article.tags.through.objects.bulk_create(
            [
                Article.tags.through(article_id=plan.article.pk, tag_id=tag_id)
                for plan in plans
                for tag_id in plan.tag_ids
            ]
        )
        self.ctx.remember_many(
            "article",
            [
                (plan.key, plan.article.pk, plan.digest, {"counters": plan.counters})
                for plan in plans
            ],
        )
        for plan in plans:
            self.article_redirects(plan.row, plan.article)
        self.ctx.report.add("article", "imported", len(plans))

    def update_article(self, plan):
        article = Article.objects.filter(pk=plan.record.object_id).first()
        if article is None:
            raise RowSkipped("bài đã nhập trước đây đã bị xóa trên cổng mới")
        if article.updated_at > plan.record.imported_at:
            raise RowSkipped("đã được sửa trên cổng mới sau lần nhập trước, giữ bản ở đây")
        for name, value in plan.values.items():
            setattr(article, name, value)
        article.save()
        # Add the old site's growth since the last import; never undo counts made here.
        before = plan.record.data.get("counters", {})
        Article.objects.filter(pk=article.pk).update(
            **{
                name: F(name) + (value - before.get(name, 0))
                for name, value in plan.counters.items()
            }
        )
        article.tags.set(plan.tag_ids)
        self.ctx.remember("article", plan.key, article.pk, plan.digest, {"counters": plan.counters})
        self.article_redirects(plan.row, article)
        self.ctx.report.add("article", "updated")

    def article_redirects(self, row, article):
        if article.category_id not in self.category_slugs:
            self.category_slugs = dict(Category.objects.values_list("pk", "slug"))
        url = reverse(
            "news:article",
            kwargs={
                "category": self.category_slugs[article.category_id],
                "slug": article.slug,
                "pk": article.pk,
            },
        )
        for catid in {row["catid"], *text.ids(row.get("listcatid"))}:
            alias = self.category_alias.get(catid)
            if alias:
                self.ctx.module_redirects(
                    self.module, f"{alias}/{row['alias']}-{row['id']}", url, "article"
                )

    # Comments -----------------------------------------------------------------------
    def import_comments(self):
        table = self.source.lang_table("comment")
        if not self.source.has(table):
            return
        where = f"module = {self.source.connection.escape(self.module.title)}"
        users = {}
        if self.source.has(self.source.table("users")):
            users = {
                row["userid"]: row
                for row in self.source.rows(
                    "SELECT userid, username, first_name, last_name, email "
                    f"FROM `{self.source.table('users')}`"
                )
            }
        rows = self.source.rows(f"SELECT * FROM `{table}` WHERE {where} ORDER BY cid")
        by_id = {row["cid"]: row for row in rows}
        bar = self.ctx.progress(len(rows), f"{self.key}: bình luận")

        def name_of(row):
            user = users.get(row.get("userid") or 0)
            if user:
                full = " ".join(p for p in (user["last_name"], user["first_name"]) if p).strip()
                return text.title(full or user["username"]), user.get("email") or ""
            return text.title(row.get("post_name")) or "Bạn đọc", row.get("post_email") or ""

        def plan(row):
            article_id = self.ctx.new_id("article", f"{self.key}:{row['id']}")
            if article_id is None:
                raise RowSkipped(f"bài viết {row['id']} không được nhập")
            body = text.plain(row.get("content"))
            parent = by_id.get(row.get("pid") or 0)
            if parent:
                # Our comments are flat: a reply keeps its context as a quote.
                quoted = " ".join(text.plain(parent.get("content")).split())[:150]
                body = f"Trả lời {name_of(parent)[0]}: “{quoted}”\n{body}"
            if not body:
                raise RowSkipped("nội dung trống")
            name, email = name_of(row)
            approved = int(row.get("status") or 0) == 1
            posted = moment(row.get("post_time"))
            values = {
                "article_id": article_id,
                "name": name[:100],
                "email": email if "@" in email else "",
                "text": body[: Comment.MAX_LENGTH],
                "status": Comment.Status.APPROVED if approved else Comment.Status.PENDING,
            }
            times = {"created_at": posted, "moderated_at": posted if approved else None}
            return values, times, fingerprint(values)

        def update(item):
            row, values, times, digest, record = item
            if not Comment.objects.filter(pk=record.object_id).update(**values, **times):
                raise RowSkipped("bình luận đã nhập trước đây đã bị xóa trên cổng mới")
            self.ctx.remember("comment", f"{self.key}:{row['cid']}", record.object_id, digest)
            self.ctx.report.add("comment", "updated")

        for start in range(0, len(rows), self.ctx.batch_size):
            fresh, changed = [], []
            for row in rows[start : start + self.ctx.batch_size]:
                try:
                    values, times, digest = plan(row)
                except RowSkipped as skipped:
                    self.ctx.report.skip("comment", table, row["cid"], str(skipped))
                    continue
                record = self.ctx.known("comment", f"{self.key}:{row['cid']}")
                if record is None:
                    fresh.append((row, values, times, digest))
                elif record.fingerprint == digest:
                    self.ctx.report.add("comment", "unchanged")
                else:
                    changed.append((row, values, times, digest, record))
            with transaction.atomic():
                self.ctx.each("comment", table, changed, update, key=lambda item: item[0]["cid"])
                saved = self.ctx.create_all(
                    "comment",
                    table,
                    Comment,
                    [(item, Comment(**item[1])) for item in fresh],
                    old_id=lambda item: item[0]["cid"],
                )
                for (_, _, times, _), comment in saved:
                    comment.created_at = times["created_at"] or comment.created_at
                    comment.moderated_at = times["moderated_at"]
                Comment.objects.bulk_update([c for _, c in saved], ["created_at", "moderated_at"])
                self.ctx.remember_many(
                    "comment",
                    [
                        (f"{self.key}:{row['cid']}", comment.pk, digest, {})
                        for (row, _, _, digest), comment in saved
                    ],
                )
                self.ctx.report.add("comment", "imported", len(saved))
            bar.update(len(rows[start : start + self.ctx.batch_size]))
        bar.close()

    def run(self):
        self.import_categories()
        self.import_tags()
        self.import_articles()
        self.import_comments()


def import_news(ctx):
    modules = ctx.source.modules("news")
    if not modules:
        ctx.report.note("Không có module tin tức (module_file = news).")
    primary = next((m for m in modules if m.title == "news"), modules[0] if modules else None)
    for module in modules:
        NewsModuleImport(ctx, module, primary=module is primary).run()
    if primary:
        ctx.module_redirects(primary, "", reverse("news:latest"), "category")
    ctx.report.note(
        "Bình luận trả lời (pid > 0) được đưa về cùng cấp, mở đầu bằng trích dẫn bình luận "
        "được trả lời; bình luận chờ duyệt vẫn chờ duyệt."
    )
