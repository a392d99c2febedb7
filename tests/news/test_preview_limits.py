"""The staff preview shows an editor only the articles the admin shows them."""

import pytest
from django.urls import reverse

from news.models import Article

from .factories import EDITORS, ArticleFactory, CategoryFactory, staff_user

pytestmark = pytest.mark.django_db


def test_an_editor_previews_only_drafts_in_their_categories(client):
    editor = staff_user("bientap", EDITORS)
    mine, other = CategoryFactory(), CategoryFactory()
    mine.editors.add(editor)
    own = ArticleFactory(category=mine, status=Article.Status.DRAFT, title="Bài của tôi")
    foreign = ArticleFactory(category=other, status=Article.Status.DRAFT, title="Bài mật")
    client.force_login(editor)
    assert client.get(reverse("news:preview", args=[own.pk])).status_code == 200
    response = client.get(reverse("news:preview", args=[foreign.pk]))
    assert response.status_code == 404
    assert "Bài mật" not in response.content.decode()


def test_an_editor_without_assigned_categories_previews_any_draft(client):
    editor = staff_user("bientap", EDITORS)
    draft = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(editor)
    assert client.get(reverse("news:preview", args=[draft.pk])).status_code == 200
