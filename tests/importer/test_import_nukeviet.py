"""The NukeViet 4.5 sample imported once; what a reader, editor and reporter find here.

Expected figures come from the old database itself, never from constants.
"""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from documents.models import Document, DocumentFile
from importer.models import ImportedRecord, LegacyRedirect
from importer.nukeviet.times import moment
from news.models import Article, Category, Comment, Tag
from polls.models import Choice, Poll
from polls.services import compute_results
from portal.models import Banner, SiteSettings
from stats.services import compute_block_figures

from .conftest import import_sample

# One xdist worker runs these: each worker would start its own MariaDB otherwise.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("nukeviet")]

NEWS_MODULES = "SELECT module_data, title FROM nv4_vi_modules WHERE module_file = 'news'"


def new_object(model, source, old_id):
    return model.objects.get(pk=ImportedRecord.objects.get(source=source, old_id=old_id).object_id)


def news_tables(nukeviet):
    return [(row["module_data"], row["title"]) for row in nukeviet.rows(NEWS_MODULES)]


def test_counts_equal_the_old_databases_own(nukeviet, imported):
    modules = news_tables(nukeviet)
    old = {
        "articles": sum(
            nukeviet.value(f"SELECT COUNT(*) FROM nv4_vi_{d}_rows") for d, _ in modules
        ),
        "categories": sum(
            nukeviet.value(f"SELECT COUNT(*) FROM nv4_vi_{d}_cat") for d, _ in modules
        ),
        "comments": nukeviet.value("SELECT COUNT(*) FROM nv4_vi_comment"),
        "documents": nukeviet.value("SELECT COUNT(*) FROM nv4_vi_laws_row"),
        "files": sum(
            len([f for f in row["files"].split(",") if f])
            for row in nukeviet.rows("SELECT files FROM nv4_vi_laws_row")
        ),
        "polls": nukeviet.value("SELECT COUNT(*) FROM nv4_vi_voting"),
        "choices": nukeviet.value("SELECT COUNT(*) FROM nv4_vi_voting_rows"),
        "users": nukeviet.value("SELECT COUNT(*) FROM nv4_users"),
        "banners": nukeviet.value("SELECT COUNT(*) FROM nv4_banners_rows"),
        "tags": nukeviet.value("SELECT COUNT(DISTINCT keywords) FROM nv4_vi_news_tags"),
    }
    # The virtual module "thong-bao" adds one parent category for its own categories.
    extra_parents = len(modules) - 1
    assert {
        "articles": Article.objects.count(),
        "categories": Category.objects.count() - extra_parents,
        "comments": Comment.objects.count(),
        "documents": Document.objects.count(),
        "files": DocumentFile.objects.count(),
        "polls": Poll.objects.count(),
        "choices": Choice.objects.count(),
        "users": get_user_model().objects.count(),
        "banners": Banner.objects.count(),
        "tags": Tag.objects.count(),
    } == old
    assert imported.counts["article"]["skipped"] == 0


def test_status_mapping_follows_nukeviet(nukeviet, imported):
    expected = {1: "published", 2: "published", 3: "published", 4: "draft", 5: "pending"}
    for row in nukeviet.rows("SELECT id, status, publtime FROM nv4_vi_news_rows"):
        article = new_object(Article, "article", f"news:{row['id']}")
        assert article.status == expected[row["status"]], row
        if row["status"] == 2:
            # Scheduled: public from its own publication time on, whatever today's date is.
            assert article.published_at == moment(row["publtime"])
            assert article.is_public == (article.published_at <= timezone.now())
        if row["status"] == 3:
            assert not article.is_public and article.expires_at is not None


def test_articles_field_by_field(nukeviet, imported):
    rows = nukeviet.rows(
        "SELECT r.*, d.bodyhtml FROM nv4_vi_news_rows r JOIN nv4_vi_news_detail d ON d.id = r.id "
        "WHERE r.status = 1 ORDER BY r.id LIMIT 40"
    )
    for row in rows:
        article = new_object(Article, "article", f"news:{row['id']}")
        assert article.title == html.unescape(row["title"])
        assert "&#" not in article.title
        assert article.lead == html.unescape(row["hometext"]).strip()
        assert int(article.published_at.timestamp()) == row["publtime"]
        assert article.view_count == row["hitstotal"]
        assert (article.rating_total, article.rating_count) == (
            row["total_rating"],
            row["click_rating"],
        )
        assert article.byline == html.unescape(row["author"])
        assert article.category.name == html.unescape(
            nukeviet.value(f"SELECT title FROM nv4_vi_news_cat WHERE catid = {row['catid']}")
        )
        if row["homeimgthumb"] in (1, 2):
            assert article.cover.name.endswith(row["homeimgfile"])
            assert Path(article.cover.path).is_file()
        # Every body image now points at a copy here, and the copy exists.
        assert 'src="/uploads/' not in article.body
        old_images = re.findall(r'src="/uploads/([^"]+)"', row["bodyhtml"])
        new_images = re.findall(r'src="/media/nukeviet/uploads/([^"]+)"', article.body)
        assert new_images == old_images
        for image in new_images:
            assert (Path(settings.MEDIA_ROOT) / "nukeviet" / "uploads" / image).is_file()


def test_tags_and_featured_articles(nukeviet, imported):
    featured_ids = {
        row["id"] for row in nukeviet.rows("SELECT id FROM nv4_vi_news_block WHERE bid = 1")
    }
    featured = {
        int(old_id.split(":")[1])
        for old_id in ImportedRecord.objects.filter(
            source="article",
            object_id__in=Article.objects.filter(featured=True).values("pk"),
        ).values_list("old_id", flat=True)
    }
    assert featured == featured_ids
    links = nukeviet.value("SELECT COUNT(*) FROM nv4_vi_news_tags_id")
    assert Article.tags.through.objects.count() == links


def test_comments_keep_moderation_and_replies_quote_their_parent(nukeviet, imported):
    approved = nukeviet.value("SELECT COUNT(*) FROM nv4_vi_comment WHERE status = 1")
    assert Comment.objects.approved().count() == approved
    reply = nukeviet.rows("SELECT cid FROM nv4_vi_comment WHERE pid > 0 LIMIT 1")[0]
    comment = new_object(Comment, "comment", f"news:{reply['cid']}")
    assert comment.text.startswith("Trả lời ")


def test_restricted_documents_stay_restricted_and_keep_counts(nukeviet, imported, client):
    for row in nukeviet.rows("SELECT * FROM nv4_vi_laws_row"):
        document = new_object(Document, "document", f"laws:{row['id']}")
        restricted = row["groups_view"] != "6" or row["groups_download"] != "6"
        assert document.is_restricted == restricted
        assert (document.view_count, document.download_count) == (
            row["view_hits"],
            row["download_hits"],
        )
        assert document.code == html.unescape(row["code"])
        assert document.reporters_notified_at is not None  # old news: nobody is e-mailed
    locked = Document.objects.filter(access=Document.Access.REPORTERS).first()
    response = client.get(locked.get_download_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_replaced_documents_are_linked(nukeviet, imported):
    for row in nukeviet.rows("SELECT oid, nid FROM nv4_vi_laws_set_replace"):
        newer = new_object(Document, "document", f"laws:{row['oid']}")
        older = new_object(Document, "document", f"laws:{row['nid']}")
        assert newer.replaces_id == older.pk


def test_reporter_signs_in_with_the_nukeviet_password_and_downloads(imported, client):
    user = get_user_model().objects.get(username="bcv_hanh")
    assert user.password.startswith("nukeviet$")
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "bcv_hanh", "password": "BcvHanh2025"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    # Upgraded to Django's hasher at this first login.
    assert user.password.startswith("pbkdf2_sha256$")
    locked = Document.objects.filter(access=Document.Access.REPORTERS, files__isnull=False)
    response = client.get(locked.first().get_download_url())
    assert response.status_code == 200


def test_wrong_password_is_refused(imported, client):
    response = client.post("/tai-khoan/dang-nhap/", {"username": "bcv_dung", "password": "sai"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_administrators_become_staff_with_roles(imported):
    User = get_user_model()
    assert User.objects.get(username="nvadmin").is_superuser
    editor = User.objects.get(username="bientap")
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Biên tập viên"]
    assert editor.news_categories.exists()
    assert not User.objects.get(username="ngoclan").is_staff


def test_poll_results_carry_the_old_votes(nukeviet, imported):
    for row in nukeviet.rows("SELECT * FROM nv4_vi_voting"):
        poll = new_object(Poll, "poll", str(row["vid"]))
        results = compute_results(poll.pk)
        old = nukeviet.rows(
            f"SELECT title, hitstotal FROM nv4_vi_voting_rows WHERE vid = {row['vid']} ORDER BY id"
        )
        assert [(c.text, c.votes) for c in results.choices] == [
            (html.unescape(o["title"]), o["hitstotal"]) for o in old
        ]


def test_site_settings_and_banners(nukeviet, imported):
    site = SiteSettings.get_solo()
    assert site.site_name == nukeviet.value(
        "SELECT config_value FROM nv4_config WHERE config_name = 'site_name'"
    )
    assert site.address and site.licence and site.responsible_person and site.fax
    for banner in Banner.objects.all():
        assert Path(banner.image.path).is_file()


def test_statistics_total_equals_the_old_total(nukeviet, imported):
    total = nukeviet.value("SELECT c_count FROM nv4_counter WHERE c_type = 'total'")
    assert compute_block_figures()["total"] == total


def test_old_links_answer_301_to_the_right_page(nukeviet, imported, client):
    row = nukeviet.rows(
        "SELECT r.id, r.alias, c.alias AS cat FROM nv4_vi_news_rows r "
        "JOIN nv4_vi_news_cat c ON c.catid = r.catid WHERE r.status = 1 LIMIT 1"
    )[0]
    article = new_object(Article, "article", f"news:{row['id']}")
    op = f"{row['cat']}/{row['alias']}-{row['id']}.html"
    document_row = nukeviet.rows("SELECT id, alias FROM nv4_vi_laws_row LIMIT 1")[0]
    document = new_object(Document, "document", f"laws:{document_row['id']}")
    tag = nukeviet.rows("SELECT alias, keywords FROM nv4_vi_news_tags LIMIT 1")[0]
    notice = nukeviet.rows(
        "SELECT r.id, r.alias, c.alias AS cat FROM nv4_vi_thong_bao_rows r "
        "JOIN nv4_vi_thong_bao_cat c ON c.catid = r.catid LIMIT 1"
    )[0]
    poll = new_object(Poll, "poll", "4")
    cases = {
        f"/news/{op}": article.get_absolute_url(),
        f"/vi/news/{op}": article.get_absolute_url(),
        f"/{op}": article.get_absolute_url(),  # news is the rewrite_op_mod module here
        f"/index.php?language=vi&nv=news&op={op}": article.get_absolute_url(),
        f"/index.php/vi/news/{op}": article.get_absolute_url(),
        f"/news/{row['cat']}/": article.category.get_absolute_url(),
        f"/laws/detail/{document_row['alias']}.html": document.get_absolute_url(),
        f"/index.php?language=vi&nv=laws&op=detail/{document_row['alias']}&download=1&id=0": (
            document.get_absolute_url()
        ),
        f"/news/tag/{tag['alias']}": None,
        f"/thong-bao/{notice['cat']}/{notice['alias']}-{notice['id']}.html": (
            new_object(Article, "article", f"thong-bao:{notice['id']}").get_absolute_url()
        ),
        "/index.php?language=vi&nv=voting&vid=4&checkss=abc&lid=1": poll.get_absolute_url(),
        "/news/": "/tin-tuc/",
    }
    for old, new in cases.items():
        response = client.get(old)
        assert response.status_code == 301, old
        if new is None:
            assert response["Location"].startswith("/tim-kiem/?q="), old
        else:
            assert response["Location"] == new, old
        assert client.get(response["Location"]).status_code == 200, old
    assert client.get("/news/khong-co-bai-nay-999999.html").status_code == 404


def test_redirect_lookup_is_one_query_and_only_on_404(imported, client, django_assert_num_queries):
    LegacyRedirect.objects.create(old_path="/trang-cu/gioi-thieu.html", target="/van-ban/")
    client.get("/tim-kiem/")  # warm the frame's caches
    response = client.get("/trang-cu/gioi-thieu.html")
    assert response.status_code == 301 and response["Location"] == "/van-ban/"
    with django_assert_num_queries(1):
        assert client.get("/TRANG-CU/gioi-thieu").status_code == 301


def test_second_run_adds_nothing(nukeviet, imported):
    models = (Article, Category, Comment, Document, DocumentFile, Poll, Choice, Banner, Tag)
    before = {model: model.objects.count() for model in models}
    report = import_sample(nukeviet)
    assert {model: model.objects.count() for model in models} == before
    for kind, counts in report.counts.items():
        assert counts["imported"] == 0 and counts["updated"] == 0, kind
    assert report.counts["article"]["unchanged"] == before[Article]


def test_what_an_editor_put_in_the_trash_stays_there_on_a_second_run(nukeviet, imported):
    from core.trash import move_to_trash

    document = Document.objects.order_by("pk").first()
    article = Article.objects.order_by("pk").first()
    for obj in (document, article):
        move_to_trash(obj, user=None)
    before = (Document.all_objects.count(), Article.all_objects.count())
    report = import_sample(nukeviet)
    assert (Document.all_objects.count(), Article.all_objects.count()) == before
    assert not Document.objects.filter(code=document.code).exists()
    assert report.counts["document"]["skipped"] >= 1


def test_a_change_on_the_old_site_updates_and_keeps_counts_made_here(nukeviet, imported):
    row = nukeviet.rows(
        "SELECT id, title, hitstotal FROM nv4_vi_news_rows WHERE status = 1 LIMIT 1"
    )[0]
    article = new_object(Article, "article", f"news:{row['id']}")
    Article.objects.filter(pk=article.pk).update(view_count=row["hitstotal"] + 7)  # counted here
    with nukeviet.server.connect(nukeviet.database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "UPDATE nv4_vi_news_rows SET title = 'Tiêu đề đã sửa &#40;mới&#41;', "
            "hitstotal = hitstotal + 5 WHERE id = %s",
            (row["id"],),
        )
        connection.commit()
    try:
        report = import_sample(nukeviet)
        article.refresh_from_db()
        assert article.title == "Tiêu đề đã sửa (mới)"
        assert article.view_count == row["hitstotal"] + 7 + 5
        assert report.counts["article"]["updated"] == 1
    finally:
        with nukeviet.server.connect(nukeviet.database) as connection:
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE nv4_vi_news_rows SET title = %s, hitstotal = %s WHERE id = %s",
                    (row["title"], row["hitstotal"], row["id"]),
                )
            connection.commit()


def test_the_imported_site_works_as_if_made_here(nukeviet, imported, client):
    total = nukeviet.value("SELECT c_count FROM nv4_counter WHERE c_type = 'total'")
    home = client.get("/")
    assert home.status_code == 200
    assert f'data-stat="total" data-value="{total}"' in home.content.decode()
    published = Article.objects.published().order_by("-published_at").first()
    assert published.title in home.content.decode()
    pages = [
        published.get_absolute_url(),
        published.category.get_absolute_url(),
        Document.objects.public().first().get_absolute_url(),
        Poll.objects.first().get_absolute_url(),
        "/van-ban/",
        "/tim-kiem/?q=hoi+nghi",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    article = client.get(published.get_absolute_url()).content.decode()
    assert f'data-views="{published.view_count}"' in article
