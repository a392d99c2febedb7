"""Revisions (django-reversion) read by editors: a readable diff and a one-click restore."""

import difflib
import html
import re

import reversion
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django_ckeditor_5.fields import CKEditor5Field
from reversion.models import Version

from core import formats

# Each block of an article body is a line of the diff.
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|tr|figcaption|table)>|<br\s*/?>", re.I)


def versions_of(obj):
    """``obj``'s revisions, newest first, with their author."""
    return Version.objects.get_for_object(obj).select_related("revision__user")


def ensure_baseline(obj):
    """Objects written before revisions were kept (or by the importer) get their stored
    state as a first revision, so the first edit can be undone too."""
    if obj is None or Version.objects.get_for_object(obj).exists():
        return
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_comment("Bản đã có trước khi lưu phiên bản")


def _lines(value, rich=False):
    """Lines of a field's text; rich text (CKEditor) is read as its paragraphs."""
    text = str(value or "")
    if rich:
        text = html.unescape(strip_tags(_BLOCK_END.sub("\n", text)))
    return [line.strip() for line in text.splitlines() if line.strip()]


def version_label(version):
    return f"Phiên bản lúc {formats.short_datetime(version.revision.date_created)}"


def diff_tables(version, obj, fields):
    """[(field label, HTML table)] for each of ``fields`` that differs between ``version``
    and ``obj`` now; difflib escapes the text itself."""
    old = version.field_dict
    differ = difflib.HtmlDiff(wrapcolumn=70)
    tables = []
    for name in fields:
        field = obj._meta.get_field(name)
        rich = isinstance(field, CKEditor5Field)
        before = _lines(old.get(field.attname), rich)
        after = _lines(getattr(obj, field.attname), rich)
        if before == after:
            continue
        table = differ.make_table(
            before, after, fromdesc=version_label(version), todesc="Hiện tại", context=False
        )
        tables.append((field.verbose_name, mark_safe(table)))
    return tables


def restore_version(obj, version, user, fields):
    """Put ``fields`` of ``obj`` back as ``version`` had them: a normal save, so it is a
    revision of its own, an entry of the editorial log and a new content version of the
    cached pages."""
    old = version.field_dict
    many = []
    for name in fields:
        field = obj._meta.get_field(name)
        if field.attname not in old:
            continue
        if field.many_to_many:
            many.append((field, old[field.attname]))
        else:
            setattr(obj, field.attname, old[field.attname])
    with transaction.atomic(), reversion.create_revision():
        obj.save()
        for field, ids in many:
            getattr(obj, field.name).set(field.related_model._default_manager.filter(pk__in=ids))
        reversion.set_user(user)
        reversion.set_comment(f"Khôi phục {version_label(version).lower()}")
    return obj
