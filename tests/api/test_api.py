"""The read API: responses, filters, pagination, caching, throttling, schema, access."""

import datetime
import json

import pytest
import yaml
from django.utils import timezone
from openapi_spec_validator import validate
from rest_framework.throttling import SimpleRateThrottle

from news.models import Article
from polls.models import Poll
from tests.documents.factories import (
    DocumentFactory,
    DocumentFileFactory,
    DocumentTypeFactory,
    IssuingBodyFactory,
)
from tests.news.factories import ArticleFactory, CategoryFactory
from tests.polls.factories import PollFactory, VoteFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_articles_are_the_published_ones_newest_first(client):
    now = timezone.now()
    older = ArticleFactory(title="Hội nghị báo cáo viên", published_at=now - datetime.timedelta(2))
    newer = ArticleFactory(title="Tuyên truyền biển đảo", published_at=now - datetime.timedelta(1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(published_at=now + datetime.timedelta(days=1))  # scheduled

    body = get(client, "/api/v1/articles/")

    assert body["count"] == 2
    assert [a["id"] for a in body["results"]] == [newer.pk, older.pk]
    first = body["results"][0]
    assert first["title"] == "Tuyên truyền biển đảo"
    assert first["url"] == "http://testserver" + newer.get_absolute_url()
    assert first["category"]["slug"] == newer.category.slug
    assert "search_vector" not in first


def test_articles_filter_by_category_with_its_children_and_by_dates(client):
    parent = CategoryFactory(name="Thời sự")
    child = CategoryFactory(name="Trong tỉnh", parent=parent)
    now = timezone.now()
    in_child = ArticleFactory(category=child, published_at=now - datetime.timedelta(days=10))
    in_parent = ArticleFactory(category=parent, published_at=now - datetime.timedelta(days=1))
    ArticleFactory()

    ids = [a["id"] for a in get(client, "/api/v1/articles/", category=parent.slug)["results"]]
    assert ids == [in_parent.pk, in_child.pk]
    since = (now - datetime.timedelta(days=3)).date().isoformat()
    body = get(client, "/api/v1/articles/", category=parent.slug, published_after=since)
    assert [a["id"] for a in body["results"]] == [in_parent.pk]
    assert get(client, "/api/v1/articles/", category="khong-co")["count"] == 0


def test_updated_since_returns_what_changed_for_harvesters(client):
    old = ArticleFactory()
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(7))
    fresh = ArticleFactory()
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    body = get(client, "/api/v1/articles/", updated_since=since)
    assert [a["id"] for a in body["results"]] == [fresh.pk]


def test_pagination_with_page_size_and_links(client):
    for _ in range(5):
        ArticleFactory()
    first = get(client, "/api/v1/articles/", page_size=2)
    assert first["count"] == 5 and len(first["results"]) == 2
    assert "page=2" in first["next"] and first["previous"] is None
    last = get(client, "/api/v1/articles/", page_size=2, page=3)
    assert len(last["results"]) == 1 and last["next"] is None
    capped = get(client, "/api/v1/articles/", page_size=1000)
    assert len(capped["results"]) == 5
    response = client.get("/api/v1/articles/", {"page": 99}, HTTP_ACCEPT="application/json")
    assert response.status_code == 404


def test_categories_list(client):
    parent = CategoryFactory(name="Thời sự")
    CategoryFactory(name="Trong tỉnh", parent=parent)
    body = get(client, "/api/v1/categories/")
    by_name = {c["name"]: c for c in body["results"]}
    assert by_name["Trong tỉnh"]["parent"] == parent.slug
    assert by_name["Thời sự"]["url"].endswith(parent.get_absolute_url())


def test_documents_show_public_file_links_and_never_restricted_files(client):
    public = DocumentFactory(code="CV.2453.VPTU", summary="V/v điều tra dư luận xã hội")
    public_file = DocumentFileFactory(document=public, original_name="Công văn 2453.pdf")
    restricted = DocumentFactory(
        code="ĐC.07.BTGTU", summary="Đề cương tuyên truyền", access="reporters"
    )
    secret = DocumentFileFactory(document=restricted, original_name="Đề cương mật.pdf")
    DocumentFactory(code="KH.1.NHAP", is_published=False)

    response = client.get("/api/v1/documents/", HTTP_ACCEPT="application/json")
    text = response.content.decode()
    body = response.json()

    assert {d["code"] for d in body["results"]} == {"CV.2453.VPTU", "ĐC.07.BTGTU"}
    by_code = {d["code"]: d for d in body["results"]}
    assert by_code["CV.2453.VPTU"]["files"] == [
        {
            "name": "Công văn 2453.pdf",
            "size": public_file.size,
            "content_type": "application/pdf",
            "url": "http://testserver" + public_file.get_download_url(),
        }
    ]
    assert by_code["ĐC.07.BTGTU"]["access"] == "reporters"
    assert by_code["ĐC.07.BTGTU"]["files"] == []
    assert "Đề cương mật" not in text
    assert secret.get_download_url() not in text
    assert restricted.get_download_url() not in text
    detail = get(client, f"/api/v1/documents/{restricted.pk}/")
    assert detail["files"] == []
    assert "file_text" not in detail


def test_documents_filter_by_type_body_and_issue_dates(client):
    plan = DocumentTypeFactory(name="Kế hoạch")
    btg = IssuingBodyFactory(code="BTGTU", name="Ban Tuyên giáo Tỉnh ủy")
    match = DocumentFactory(
        document_type=plan, issuing_body=btg, issued_on=datetime.date(2024, 5, 1)
    )
    DocumentFactory(document_type=plan, issued_on=datetime.date(2024, 5, 2))
    DocumentFactory(issuing_body=btg, issued_on=datetime.date(2024, 5, 3))
    DocumentFactory(document_type=plan, issuing_body=btg, issued_on=datetime.date(2023, 1, 1))

    body = get(
        client,
        "/api/v1/documents/",
        type=plan.slug,
        body="BTGTU",
        issued_after="2024-01-01",
        issued_before="2024-12-31",
    )
    assert [d["id"] for d in body["results"]] == [match.pk]
    assert body["results"][0]["issuing_body"] == {
        "id": btg.pk,
        "name": "Ban Tuyên giáo Tỉnh ủy",
        "code": "BTGTU",
    }


def test_an_unknown_filter_value_is_a_clear_400(client):
    response = client.get(
        "/api/v1/documents/", {"issued_after": "hôm qua"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert "issued_after" in response.json()


def test_polls_show_results_when_the_page_would(client):
    always = PollFactory(question="Bạn đọc tin trên thiết bị nào?")
    first, second, _ = always.choices.all()
    VoteFactory(poll=always, chosen=[first])
    VoteFactory(poll=always, chosen=[first])
    VoteFactory(poll=always, chosen=[second])
    hidden = PollFactory(results_visibility=Poll.ResultsVisibility.AFTER_CLOSE)
    PollFactory(is_active=False)

    body = get(client, "/api/v1/polls/")

    by_id = {p["id"]: p for p in body["results"]}
    assert set(by_id) == {always.pk, hidden.pk}
    assert by_id[always.pk]["voters"] == 3
    assert [(c["votes"], c["percent"]) for c in by_id[always.pk]["choices"]] == [
        (2, 67),
        (1, 33),
        (0, 0),
    ]
    assert by_id[always.pk]["is_open"] is True
    assert by_id[hidden.pk]["results_visible"] is False
    assert by_id[hidden.pk]["voters"] is None
    assert {c["votes"] for c in by_id[hidden.pk]["choices"]} == {None}


def test_answers_are_cacheable_with_etag_and_304(client):
    ArticleFactory()
    response = client.get("/api/v1/articles/", HTTP_ACCEPT="application/json")
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v1/articles/", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_the_api_is_read_only(client):
    article = ArticleFactory()
    assert client.post("/api/v1/articles/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v1/articles/{article.pk}/").status_code == 405
    assert client.put(f"/api/v1/articles/{article.pk}/", {}).status_code == 405


def test_clients_are_rate_limited(client, monkeypatch):
    # DRF reads the rates once, when the throttle class is defined.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    codes = [
        client.get("/api/v1/categories/", HTTP_ACCEPT="application/json").status_code
        for _ in range(4)
    ]
    other = client.get(
        "/api/v1/categories/", HTTP_ACCEPT="application/json", REMOTE_ADDR="198.51.100.9"
    )
    assert codes == [200, 200, 200, 429]
    assert other.status_code == 200


def test_schema_is_a_valid_openapi_document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in ("/api/v1/articles/", "/api/v1/documents/", "/api/v1/polls/"):
        assert path in paths and "get" in paths[path]
        assert set(paths[path]) <= {"get", "parameters"}
    names = {p["name"] for p in paths["/api/v1/documents/"]["get"]["parameters"]}
    assert {"type", "body", "updated_since", "issued_after", "page", "page_size"} <= names
    json_schema = client.get("/api/v1/schema/", {"format": "json"})
    validate(json.loads(json_schema.content))


def test_docs_page_loads_swagger_from_the_portal_itself(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    browsable = client.get("/api/v1/documents/", HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200
    assert "/static/rest_framework/" in browsable.content.decode()
