import datetime

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news.models import Article, Category, Comment, Tag


# The test client sends no user agent, which the bot filter refuses: a reader's browser.
class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"từ khóa {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Hội nghị số {n} của Ban Tuyên giáo")
    category = factory.SubFactory(CategoryFactory)
    lead = "Sáng nay, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị."
    body = "<p>Nội dung bài viết về công tác tuyên giáo.</p>"
    byline = "Tin, ảnh: Minh Anh"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = "Nguyễn Văn An"
    text = "Bài viết rất hay."


def staff_user(username, group_name, **extra):
    user = User.objects.create_user(username, password="mat-khau-rat-dai-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    for key, value in extra.items():
        setattr(user, key, value)
    if extra:
        user.save()
    return user


EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Thư ký tòa soạn"
