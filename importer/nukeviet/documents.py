"""The laws module (Văn bản): types, issuing bodies, fields, documents and their files."""

import re
from collections import Counter
from urllib.parse import urlencode

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.text import slugify_vi, strip_accents
from documents.models import Document, DocumentFile, DocumentType, Field, IssuingBody
from documents.validators import ALLOWED, content_kind

from . import text
from .context import RowSkipped, fingerprint
from .news import unique_slug
from .times import local_date

EVERYONE = 6  # NukeViet's group "All"


CODE_PART = re.compile(r"[./\-]")
LINKING_WORDS = {"VA", "CUA"}


def code_from_documents(codes):
    """The body's abbreviation as its documents spell it: CV.2453.VPTU, 125-KH/BTGTU."""
    tails = Counter()
    for code in codes:
        tail = CODE_PART.split(code.strip())[-1].upper()
        if 2 <= len(tail) <= 20 and tail.isalpha() and tail.isascii():
            tails[tail] += 1
    return tails.most_common(1)[0][0] if tails else None


def body_code(name, taken, codes=()):
    """IssuingBody.code: from its documents' codes, else the initials of its name
    ('Văn phòng Tỉnh ủy' -> 'VPTU')."""
    words = [w for w in strip_accents(name).upper().split() if w not in LINKING_WORDS]
    code = code_from_documents(codes) or "".join(w[0] for w in words if w[0].isalnum())[:16]
    code = code or "CQ"
    candidate, number = code, 1
    while candidate in taken:
        number += 1
        candidate = f"{code}{number}"
    taken.add(candidate)
    return candidate


class LawsModuleImport:
    def __init__(self, ctx, module):
        self.ctx = ctx
        self.source = ctx.source
        self.module = module
        self.key = module.title
        self.table = lambda name: self.source.lang_table(f"{module.module_data}_{name}")
        self.signers = {}
        self.areas_of = {}

    def _lookup(self, kind, table, order, build, filter_param):
        """Types, issuing bodies and fields: small tables, matched by name."""
        if not self.source.has(table):
            return
        rows = self.source.rows(f"SELECT * FROM `{table}` ORDER BY {order}")

        def handle(row):
            name = text.title(row["title"])
            if not name:
                raise RowSkipped("tên trống")
            obj, created = build(name, row)
            self.ctx.report.add(kind, "imported" if created else "unchanged")
            self.ctx.remember(kind, f"{self.key}:{row['id']}", obj.pk, fingerprint(name))
            func = {"document_type": "cat", "issuing_body": "subject", "field": "area"}[kind]
            target = (
                reverse("documents:list")
                + "?"
                + urlencode({filter_param: getattr(obj, "slug", None) or obj.code})
            )
            self.ctx.module_redirects(
                self.module, f"{self.module.alias(func)}/{row['alias']}", target, kind
            )

        self.ctx.each(kind, table, rows, handle)

    def import_lookups(self):
        def build_type(name, row):
            found = DocumentType.objects.filter(name__iexact=name).first()
            if found:
                return found, False
            slug = unique_slug(DocumentType, slugify_vi(name), max_length=100)
            return DocumentType.objects.create(
                name=name[:100], slug=slug, order=int(row.get("weight") or 0)
            ), True

        taken = set(IssuingBody.objects.values_list("code", flat=True))
        codes_by_body = {}
        if self.source.has(self.table("row")):
            for row in self.source.rows(f"SELECT sid, code FROM `{self.table('row')}`"):
                codes_by_body.setdefault(row["sid"], []).append(text.title(row["code"]))

        def build_body(name, row):
            found = IssuingBody.objects.filter(name__iexact=name).first()
            if found:
                return found, False
            code = body_code(name, taken, codes_by_body.get(row["id"], ()))
            return IssuingBody.objects.create(
                name=name[:200], code=code, order=int(row.get("weight") or 0)
            ), True

        def build_field(name, row):
            found = Field.objects.filter(name__iexact=name).first()
            if found:
                return found, False
            return Field.objects.create(
                name=name[:150], slug=unique_slug(Field, slugify_vi(name), max_length=150)
            ), True

        self._lookup("document_type", self.table("cat"), "parentid, weight, id", build_type, "type")
        self._lookup("issuing_body", self.table("subject"), "weight, id", build_body, "body")
        # Fields nest in NukeViet (two levels); here they are one flat list.
        self._lookup("field", self.table("area"), "parentid, weight, id", build_field, "field")
        if self.source.has(self.table("signer")):
            self.signers = {
                row["id"]: (
                    text.title(row["title"]),
                    text.title(row.get("positions") or row.get("offices") or ""),
                )
                for row in self.source.rows(f"SELECT * FROM `{self.table('signer')}`")
            }
        if self.source.has(self.table("row_area")):
            for row in self.source.rows(f"SELECT row_id, area_id FROM `{self.table('row_area')}`"):
                self.areas_of.setdefault(row["row_id"], set()).add(row["area_id"])

    def import_documents(self):
        table = self.table("row")
        if not self.source.has(table):
            return
        bar = self.ctx.progress(self.source.count(table), f"{self.key}: văn bản")
        for chunk in self.source.batches(table, "id", self.ctx.batch_size):
            with transaction.atomic():
                self.ctx.each("document", table, chunk, self.import_document, bar=bar)
        bar.close()
        self.link_documents()

    def import_document(self, row):
        kind = "document"
        old_id = f"{self.key}:{row['id']}"
        type_id = self.ctx.new_id("document_type", f"{self.key}:{row['cid']}")
        body_id = self.ctx.new_id("issuing_body", f"{self.key}:{row['sid']}")
        if type_id is None:
            raise RowSkipped(f"loại văn bản {row['cid']} không tồn tại")
        if body_id is None:
            raise RowSkipped(f"cơ quan ban hành {row['sid']} không tồn tại")
        issued_on = local_date(row.get("publtime")) or local_date(row.get("addtime"))
        if issued_on is None:
            raise RowSkipped("ngày ban hành không hợp lệ (0)")
        signer, position = self.signers.get(row.get("sgid"), ("", ""))
        view, download = (
            set(text.ids(row.get("groups_view"))),
            set(text.ids(row.get("groups_download"))),
        )
        # The old module only hid the download link; here the files are really restricted.
        public = EVERYONE in (view or {EVERYONE}) and EVERYONE in (download or {EVERYONE})
        code = text.title(row.get("code"))[:60] or f"VB-{row['id']}"
        notes = "\n\n".join(
            part
            for part in (
                text.plain(row.get("introtext")),
                text.plain(row.get("bodytext")),
                text.plain(row.get("note")),
            )
            if part
        )
        values = {
            "code": code,
            "summary": text.title(row["title"])[:1000],
            "document_type_id": type_id,
            "issuing_body_id": body_id,
            "signer": signer[:150],
            "signer_position": position[:200],
            "issued_on": issued_on,
            "effective_on": local_date(row.get("startvalid")),
            "expires_on": local_date(row.get("exptime")),
            "notes": notes,
            "access": Document.Access.PUBLIC if public else Document.Access.REPORTERS,
            "is_published": int(row.get("status") or 0) == 1,
        }
        if not values["summary"]:
            raise RowSkipped("trích yếu trống")
        counters = {
            "view_count": int(row.get("view_hits") or 0),
            "download_count": int(row.get("download_hits") or 0),
        }
        field_ids = sorted(
            f
            for f in (
                self.ctx.new_id("field", f"{self.key}:{a}")
                for a in self.areas_of.get(row["id"], set()) | set(text.ids(row.get("area_ids")))
            )
            if f
        )
        digest = fingerprint(values, counters, field_ids, row.get("files"))
        record = self.ctx.known(kind, old_id)
        document = Document.all_objects.filter(pk=record.object_id).first() if record else None
        if record is not None and (document is None or document.deleted_at is not None):
            # As for articles: what an editor deleted here does not come back with a re-run.
            raise RowSkipped("văn bản đã nhập trước đây đã bị xóa trên cổng mới")
        if document is None:
            clash = Document.all_objects.filter(code__iexact=code, issuing_body_id=body_id).exists()
            if clash:
                values["code"] = f"{code[:50]} ({row['id']})"
                self.ctx.report.warn(
                    kind, self.table("row"), row["id"], f"trùng số hiệu {code}, thêm ({row['id']})"
                )
            # The old site's documents are not news to subscribed reporters: no e-mail.
            document = Document(**values, **counters, reporters_notified_at=timezone.now())
            document.save()
            self.ctx.report.add(kind, "imported")
        elif record.fingerprint == digest:
            self.ctx.report.add(kind, "unchanged")
        elif document.updated_at > record.imported_at:
            raise RowSkipped("đã được sửa trên cổng mới sau lần nhập trước, giữ bản ở đây")
        else:
            for name, value in values.items():
                setattr(document, name, value)
            document.save()
            before = record.data.get("counters", {})
            Document.objects.filter(pk=document.pk).update(
                **{
                    name: F(name) + (value - before.get(name, 0))
                    for name, value in counters.items()
                }
            )
            self.ctx.report.add(kind, "updated")
        if record is None or record.fingerprint != digest:
            document.fields.set(field_ids)
            self.import_files(document, row)
            links = {
                "counters": counters,
                "replaces": text.ids(row.get("replacement")),
                "related": text.ids(row.get("relatement")),
            }
            self.ctx.remember(kind, old_id, document.pk, digest, links)
            document.refresh_from_db(fields=["updated_at"])
        else:
            self.ctx.report.add("document_file", "unchanged", len(self.file_names(row)))
        self.ctx.module_redirects(
            self.module,
            f"{self.module.alias('detail')}/{row['alias']}",
            document.get_absolute_url(),
            kind,
        )

    @staticmethod
    def file_names(row):
        return [part.strip() for part in (row.get("files") or "").split(",") if part.strip()]

    def import_files(self, document, row):
        kind = "document_file"
        for index, relative in enumerate(self.file_names(row)):
            old_id = f"{self.key}:{row['id']}:{relative}"
            if self.ctx.known(kind, old_id):
                self.ctx.report.add(kind, "unchanged")
                continue
            if relative.startswith(("http://", "https://")):
                self.ctx.report.skip(
                    kind, self.table("row"), row["id"], f"tệp ở trang ngoài: {relative}"
                )
                continue
            path = self.ctx.web_path(f"uploads/{self.module.module_upload}/{relative}")
            extension = relative.rsplit(".", 1)[-1].lower()
            if path is None:
                self.ctx.report.skip(kind, self.table("row"), row["id"], f"thiếu tệp {relative}")
                continue
            if extension not in ALLOWED:
                self.ctx.report.skip(
                    kind, self.table("row"), row["id"], f"định dạng không cho phép: {relative}"
                )
                continue
            with path.open("rb") as handle:
                if content_kind(handle) != ALLOWED[extension][0] and extension not in ("zip",):
                    self.ctx.report.skip(
                        kind,
                        self.table("row"),
                        row["id"],
                        f"nội dung không khớp đuôi tệp: {relative}",
                    )
                    continue
                handle.seek(0)
                attached = DocumentFile(
                    document=document,
                    original_name=relative.rsplit("/", 1)[-1][:255],
                    size=path.stat().st_size,
                    content_type=ALLOWED[extension][1],
                    order=index,
                )
                if self.ctx.dry_run:
                    attached.file.name = f"documents/dry-run/{relative}"
                    attached.save()
                else:
                    attached.file.save(attached.original_name, File(handle), save=True)
            self.ctx.remember(kind, old_id, attached.pk, fingerprint(relative))
            self.ctx.report.add(kind, "imported")

    def link_documents(self):
        """Replaced and related documents, once every document exists."""
        pairs = []
        table = self.table("set_replace")
        if self.source.has(table):
            pairs = [
                (r["oid"], r["nid"]) for r in self.source.rows(f"SELECT oid, nid FROM `{table}`")
            ]
        for old_id, record in self.ctx.memory("document").items():
            module, _, number = old_id.partition(":")
            if module != self.key:
                continue
            pairs += [(int(number), replaced) for replaced in record.data.get("replaces", [])]
            related = [
                self.ctx.new_id("document", f"{self.key}:{r}")
                for r in record.data.get("related", [])
            ]
            related = [r for r in related if r]
            if related:
                Document.objects.get(pk=record.object_id).related.add(*related)
        for newer, older in pairs:
            newer_id = self.ctx.new_id("document", f"{self.key}:{newer}")
            older_id = self.ctx.new_id("document", f"{self.key}:{older}")
            if newer_id and older_id and newer_id != older_id:
                Document.objects.filter(pk=newer_id, replaces__isnull=True).update(
                    replaces_id=older_id
                )

    def run(self):
        self.import_lookups()
        self.import_documents()
        self.ctx.module_redirects(self.module, "", reverse("documents:list"), "document")


def import_documents(ctx):
    modules = ctx.source.modules("laws")
    if not modules:
        ctx.report.note("Không có module văn bản (laws).")
    for module in modules:
        LawsModuleImport(ctx, module).run()
