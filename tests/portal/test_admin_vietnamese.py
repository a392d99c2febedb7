"""No English left on the admin pages an editor or an administrator meets."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from tests.news.factories import EDITORS, ArticleFactory, staff_user

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(
    r"\b(Add|Change|Delete|Save|History|Filter|Search|Action|Home|Log out|View site|"
    r"Show counts|Hide counts|Add link|Change or view list link|Access attempts?|"
    r"Access failures?|Access logs?|access attempt|Attempt Time|Logout Time|User Agent|Path|"
    r"Username|Password|Enabled|Disabled|Today|Now|Clear|Choose|Remove|Select|Yes|No|All|"
    r"Unknown|Required|successfully|was (added|changed|deleted)|Can (add|change|delete|view)|"
    r"Personal info|Permissions|Important dates|First name|Last name|Email address|"
    r"Staff status|Superuser status|Active|Groups|Users|Sites?|Recent actions|My actions|"
    r"None available|Welcome|Documentation|Skip to main content|Toggle|Sidebar|Breadcrumbs|"
    r"Periodic tasks?|Crontabs?|Intervals?|Captcha store|Solar|Clocked)\b"
)


def english_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    found = set()
    for line in strip_tags(html).splitlines():
        match = ENGLISH.search(line)
        if match:
            found.add(f"{url}: {line.strip()[:80]}")
    return found


def admin_urls(client):
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for kind in ("changelist", "add"):
            try:
                url = reverse(f"{info}_{kind}")
            except NoReverseMatch:
                continue
            if client.get(url).status_code == 200:
                urls.append(url)
    return urls


def test_no_english_on_the_superusers_admin_pages(admin_client):
    article = ArticleFactory()
    urls = admin_urls(admin_client)
    urls.append(reverse("admin:news_article_change", args=[article.pk]))
    assert len(urls) > 40
    found = set().union(*(english_on(admin_client, url) for url in urls))
    assert not found, "\n".join(sorted(found))


def test_no_english_on_the_editors_pages(client):
    editor = staff_user("bientap", EDITORS)
    client.force_login(editor)
    article = ArticleFactory(author=editor, status="draft")
    urls = [
        *admin_urls(client),
        reverse("admin:news_article_change", args=[article.pk]),
        reverse("admin:news_article_changelist") + "?trang_thai=pending",
    ]
    found = set().union(*(english_on(client, url) for url in urls))
    assert not found, "\n".join(sorted(found))


@pytest.mark.parametrize(
    "english", ["Show counts", "Access attempts", "Can add bài viết", "Bởi Path", "Save"]
)
def test_the_scan_catches_english(english):
    assert ENGLISH.search(english)
    assert not ENGLISH.search("Hiện số lượng, Lần đăng nhập sai, Tin tức | bài viết | Thêm")
