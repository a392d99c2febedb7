"""Minimal articles and documents built straight on the other apps' models."""

import datetime

from django.utils import timezone


def make_articles(count):
    from news.models import Article, Category

    category, _ = Category.objects.get_or_create(slug="thoi-su", defaults={"name": "Thời sự"})
    return [
        Article.objects.create(
            title=f"Hội nghị quán triệt nghị quyết số {n}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(hours=1),
            body="<p>Nội dung bài viết thử.</p>",
        )
        for n in range(count)
    ]


def make_documents(count):
    from documents.models import Document, DocumentType, IssuingBody

    kind, _ = DocumentType.objects.get_or_create(name="Công văn")
    body, _ = IssuingBody.objects.get_or_create(name="Ban Tuyên giáo Tỉnh ủy")
    return [
        Document.objects.create(
            code=f"{100 + n}-CV/BTGTU",
            summary=f"V/v tuyên truyền kỷ niệm ngày thành lập tỉnh, đợt {n}",
            document_type=kind,
            issuing_body=body,
        )
        for n in range(count)
    ]
