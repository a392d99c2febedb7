import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

from accounts.access import REPORTER_GROUP
from documents.models import Document, DocumentFile, DocumentType, Field, IssuingBody

PASSWORD = "MatKhau#2024"
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Công văn {n}")


class IssuingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingBody
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Ban Tuyên giáo số {n}")
    code = factory.Sequence(lambda n: f"BTG{n}")


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    code = factory.Sequence(lambda n: f"CV.{2400 + n}.BTGTU")
    summary = factory.Sequence(lambda n: f"V/v tuyên truyền nhiệm vụ trọng tâm đợt {n}")
    document_type = factory.SubFactory(DocumentTypeFactory)
    issuing_body = factory.SubFactory(IssuingBodyFactory)
    issued_on = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    access = Document.Access.PUBLIC
    is_published = True


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    original_name = "Đề cương tuyên truyền.pdf"
    content_type = "application/pdf"
    file = factory.LazyAttribute(lambda o: ContentFile(o.data, name="x.pdf"))
    size = factory.LazyAttribute(lambda o: len(o.data))

    class Params:
        data = MINIMAL_PDF + b"%" + b"0" * 2000 + b"\n"


def make_user(username="nguoidung", **extra):
    return get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD, **extra
    )


def make_reporter(username="baocaovien1"):
    user = make_user(username, first_name="Lan")
    # The group comes from a data migration (tests/conftest.py restores it after flushes).
    user.groups.add(Group.objects.get(name=REPORTER_GROUP))
    return user


def make_staff(username="bientapvien", document_rights=True):
    """A staff account; by default one that manages documents (sees unpublished ones)."""
    user = make_user(username, is_staff=True)
    if document_rights:
        user.user_permissions.add(Permission.objects.get(codename="view_document"))
    return user
