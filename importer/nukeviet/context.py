"""What every import step shares: the source, the report, the memory of old ids, files."""

import hashlib
import json
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.db import transaction
from tqdm import tqdm

from importer.legacy_urls import normalise_path
from importer.models import ImportedRecord, LegacyRedirect

from .report import ImportReport

# Files here land in public media under this folder, keeping NukeViet's relative path.
PUBLIC_FOLDER = "nukeviet"
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
PUBLIC_FILE_EXTENSIONS = IMAGE_EXTENSIONS | {
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "zip",
    "rar",
    "mp3",
    "mp4",
}


class RowSkipped(Exception):
    """Raised by a step for a row it will not import; the message is the reason."""


def fingerprint(*values):
    """A stable digest of the old row's values: unchanged rows are not touched again."""
    payload = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(payload.encode()).hexdigest()


class ImportContext:
    def __init__(
        self, source, uploads=None, dry_run=False, sitekey="", progress=True, batch_size=200
    ):
        self.source = source
        self.uploads = Path(uploads) if uploads else None
        self.dry_run = dry_run
        self.sitekey = sitekey
        self.report = ImportReport(dry_run=dry_run)
        self.show_progress = progress
        # Rows per transaction: an interrupted run keeps every finished batch.
        self.batch_size = batch_size
        self._memory = {}
        self._redirects = None
        self._pending = {}
        self.copied_files = {}

    # Progress ---------------------------------------------------------------------
    def progress(self, total, label):
        return tqdm(
            total=total,
            desc=f"{label:<24}",
            unit=" dòng",
            file=sys.stderr,
            disable=not self.show_progress,
            leave=True,
        )

    # Memory of old ids ----------------------------------------------------------------
    def memory(self, kind):
        if kind not in self._memory:
            self._memory[kind] = {
                record.old_id: record for record in ImportedRecord.objects.filter(source=kind)
            }
        return self._memory[kind]

    def known(self, kind, old_id):
        return self.memory(kind).get(str(old_id))

    def new_id(self, kind, old_id):
        record = self.known(kind, old_id)
        return record.object_id if record else None

    def remember(self, kind, old_id, object_id, digest, data=None):
        record = self.known(kind, old_id)
        if record is None:
            record = ImportedRecord.objects.create(
                source=kind,
                old_id=str(old_id),
                object_id=object_id,
                fingerprint=digest,
                data=data or {},
            )
        else:
            record.object_id, record.fingerprint, record.data = object_id, digest, data or {}
            record.save()
        self.memory(kind)[str(old_id)] = record
        return record

    def remember_many(self, kind, items):
        """remember() for a batch of (old_id, object_id, digest, data) in one INSERT."""
        records = ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(
                    source=kind, old_id=str(old_id), object_id=pk, fingerprint=digest, data=data
                )
                for old_id, pk, digest, data in items
            ],
            update_conflicts=True,
            unique_fields=["source", "old_id"],
            update_fields=["object_id", "fingerprint", "data", "imported_at"],
        )
        memory = self.memory(kind)
        for record in records:
            memory[record.old_id] = record

    def each(self, kind, table, rows, handle, key="id", bar=None):
        """``handle(row)`` for each row in its own savepoint: a bad row is reported with
        its reason and the rest goes on. ``key`` names the old id: a column or a callable."""
        old_id = key if callable(key) else (lambda row: row.get(key))
        for row in rows:
            try:
                with transaction.atomic():
                    handle(row)
            except RowSkipped as skipped:
                self.report.skip(kind, table, old_id(row), str(skipped))
            except Exception as exc:  # noqa: BLE001 - any bad row is reported, never fatal
                self._memory.pop(kind, None)
                self.report.skip(kind, table, old_id(row), f"lỗi: {exc.__class__.__name__}: {exc}")
            if bar is not None:
                bar.update(1)
        self.flush_redirects()

    def create_all(self, kind, table, model, items, old_id):
        """One INSERT for the (item, unsaved object) pairs; if a row breaks it, row by row so
        that only that one is reported. The pairs that were saved."""
        try:
            with transaction.atomic():
                model.objects.bulk_create([obj for _, obj in items])
            return items
        except Exception:  # noqa: BLE001 - the row-by-row pass below names the culprit
            saved = []
            for item, obj in items:
                try:
                    with transaction.atomic():
                        model.objects.bulk_create([obj])
                    saved.append((item, obj))
                except Exception as exc:  # noqa: BLE001 - reported, the rest goes on
                    self.report.skip(
                        kind, table, old_id(item), f"lỗi: {exc.__class__.__name__}: {exc}"
                    )
            return saved

    # Redirects ------------------------------------------------------------------------
    def redirect(self, old_path, target, kind):
        """Remember that ``old_path`` answers 301 to ``target``; written by flush_redirects()."""
        if self._redirects is None:
            self._redirects = dict(LegacyRedirect.objects.values_list("old_path", "target"))
        key = normalise_path(old_path)
        current = self._redirects.get(key)
        if current == target:
            self.report.add("redirect", "unchanged")
        elif key in self._pending:
            self._pending[key].target = target
        elif current is None:
            self._pending[key] = LegacyRedirect(old_path=key, target=target, source=kind)
            self.report.add("redirect", "imported")
        else:
            LegacyRedirect.objects.filter(old_path=key).update(target=target)
            self.report.add("redirect", "updated")
        self._redirects[key] = target

    def flush_redirects(self):
        if self._pending:
            LegacyRedirect.objects.bulk_create(self._pending.values(), ignore_conflicts=True)
            self._pending = {}

    def module_redirects(self, module, op, target, kind):
        """Every spelling NukeViet used for ``op`` of ``module`` answers 301 to ``target``."""
        op = op.strip("/")
        self.redirect(f"/{module.title}/{op}" if op else f"/{module.title}/", target, kind)
        if module.title == self.source.config.get("rewrite_op_mod") and op:
            self.redirect(f"/{op}", target, kind)

    # Files ----------------------------------------------------------------------------
    def web_path(self, relative):
        """The old site's file at ``relative`` to its web root ("uploads/news/a.jpg", or a
        thumbnail "assets/news/a.jpg" beside uploads/), or None: no uploads folder given,
        outside those folders, or missing."""
        if not self.uploads or not relative:
            return None
        top, _, rest = relative.partition("/")
        folders = {"uploads": self.uploads, "assets": self.uploads.parent / "assets"}
        if top not in folders or not rest:
            return None
        folder = folders[top].resolve()
        path = (folder / rest).resolve()
        if folder not in path.parents or not path.is_file():
            return None
        return path

    def copy_public(self, relative):
        """Copy a public file of the old site into media, keeping its path under
        media/nukeviet/; the media name, or None when it is missing or not allowed."""
        relative = relative.strip().lstrip("/")
        if relative in self.copied_files:
            return self.copied_files[relative]
        extension = relative.rsplit(".", 1)[-1].lower() if "." in relative else ""
        path = self.web_path(relative)
        name = None
        if path is not None and extension in PUBLIC_FILE_EXTENSIONS:
            name = f"{PUBLIC_FOLDER}/{relative}"
            target = Path(settings.MEDIA_ROOT) / name
            if target.exists() and target.stat().st_size == path.stat().st_size:
                self.report.add("image", "unchanged")
            else:
                if not self.dry_run:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
                    target.chmod(0o644)
                self.report.add("image", "imported")
        self.copied_files[relative] = name
        return name

    def media_url(self, name):
        return settings.MEDIA_URL + name
