"""Keep the search vector with a trigger instead of a generated column.

A stored generated column is recomputed on every UPDATE of the row, and the counter flush
updates view_count of thousands of articles every few seconds. The trigger fires only
when the title, lead or body change; with free space left in each page (fillfactor) a
counter update becomes a heap-only update that touches no index.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

CREATE_TRIGGER = """
CREATE FUNCTION news_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('simple', news_unaccent(coalesce(NEW.title, ''))), 'A') ||
    setweight(to_tsvector('simple', news_unaccent(coalesce(NEW.lead, ''))), 'B') ||
    setweight(to_tsvector('simple', news_unaccent(coalesce(NEW.body, ''))), 'C');
  RETURN NEW;
END $$;
CREATE TRIGGER news_article_search_vector_trg
  BEFORE INSERT OR UPDATE OF title, lead, body ON news_article
  FOR EACH ROW EXECUTE FUNCTION news_article_search_vector();
UPDATE news_article SET title = title;
ALTER TABLE news_article SET (fillfactor = 70);
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS news_article_search_vector_trg ON news_article;
DROP FUNCTION IF EXISTS news_article_search_vector();
ALTER TABLE news_article RESET (fillfactor);
"""


class Migration(migrations.Migration):
    dependencies = [("news", "0002_editor_groups")]

    operations = [
        migrations.RemoveIndex(model_name="article", name="news_article_search_idx"),
        migrations.RemoveField(model_name="article", name="search_vector"),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(CREATE_TRIGGER, DROP_TRIGGER),
        migrations.AddIndex(
            model_name="article",
            index=GinIndex(fields=["search_vector"], name="news_article_search_idx"),
        ),
    ]
