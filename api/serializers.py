"""What the read API shows of each model: only what the public pages show."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.models import Document, DocumentFile, DocumentType, IssuingBody
from news.models import Article, Category
from polls.models import Poll
from polls.services import get_results


class CategorySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Category
        fields = ["id", "name", "slug", "parent", "description", "url"]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug"]


class ArticleSerializer(serializers.ModelSerializer):
    category = CategoryRefSerializer(read_only=True)
    url = serializers.SerializerMethodField()
    cover = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "category",
            "lead",
            "body",
            "cover",
            "cover_caption",
            "byline",
            "source",
            "published_at",
            "updated_at",
            "view_count",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_cover(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.cover.url) if obj.cover else None


class DocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "name", "slug"]


class IssuingBodySerializer(serializers.ModelSerializer):
    class Meta:
        model = IssuingBody
        fields = ["id", "name", "code"]


class DocumentFileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__")
    url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["name", "size", "content_type", "url"]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_download_url())


class DocumentSerializer(serializers.ModelSerializer):
    document_type = DocumentTypeSerializer(read_only=True)
    issuing_body = IssuingBodySerializer(read_only=True)
    domains = serializers.SlugRelatedField(
        source="fields", slug_field="slug", many=True, read_only=True
    )
    url = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "code",
            "summary",
            "url",
            "document_type",
            "issuing_body",
            "domains",
            "signer",
            "signer_position",
            "issued_on",
            "effective_on",
            "expires_on",
            "access",
            "files",
            "updated_at",
            "view_count",
            "download_count",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    @extend_schema_field(DocumentFileSerializer(many=True))
    def get_files(self, obj):
        # Files of a restricted document are for signed-in reporters on the site, never here.
        if obj.is_restricted:
            return []
        return DocumentFileSerializer(obj.files.all(), many=True, context=self.context).data


class ChoiceResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    votes = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)


class PollSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    is_open = serializers.SerializerMethodField()
    results_visible = serializers.SerializerMethodField()
    voters = serializers.SerializerMethodField()
    choices = serializers.SerializerMethodField()

    class Meta:
        model = Poll
        fields = [
            "id",
            "question",
            "url",
            "description",
            "kind",
            "max_choices",
            "opens_at",
            "closes_at",
            "is_open",
            "results_visible",
            "voters",
            "choices",
            "updated_at",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_is_open(self, obj) -> bool:
        return obj.is_open()

    def get_results_visible(self, obj) -> bool:
        # The API reader has not voted: the results show when the page would show them.
        return obj.results_visible(has_voted=False)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_voters(self, obj):
        return get_results(obj.pk).voters if self.get_results_visible(obj) else None

    @extend_schema_field(ChoiceResultSerializer(many=True))
    def get_choices(self, obj):
        if self.get_results_visible(obj):
            rows = [
                {"id": c.id, "text": c.text, "votes": c.votes, "percent": c.percent}
                for c in get_results(obj.pk).choices
            ]
        else:
            rows = [
                {"id": c.id, "text": c.text, "votes": None, "percent": None}
                for c in obj.choices.all()
            ]
        return ChoiceResultSerializer(rows, many=True).data
