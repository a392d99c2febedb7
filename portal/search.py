"""The site-wide search page: it composes the searches of news, documents and pages."""

from django.shortcuts import render

from core.pagination import page_numbers
from documents.search import found_documents
from news import services
from pages.models import Page

PAGE_SIZE = 12
# The first page also shows this many documents and pages, with a link to all.
SEARCH_DOCUMENTS = 10
SEARCH_PAGES = 5


def search(request):
    """The site search: articles, then documents and department pages on the first page.

    Results are the same for every reader (the page cache keeps them whole)."""
    raw = request.GET.get("q", "")
    raw_page = request.GET.get("page")
    context = {"query": raw[: services.SEARCH_MAX_LENGTH], "searched": "q" in request.GET}
    if context["searched"]:
        try:
            query = services.clean_query(raw)
        except services.SearchQueryError as exc:
            context["error"] = str(exc)
        else:
            context.update(query=query, **_search_results(query, raw_page))
    return render(request, "portal/search.html", context)


def _search_results(query, raw_page):
    page = services.search_page(query, raw_page, PAGE_SIZE)
    for article in page.object_list:
        article.snippet = services.highlight(f"{article.lead} {article.body}", query)
        article.highlighted_title = services.highlight(article.title, query, 1000)
    # What an anonymous reader may see: the cached page is the same for every reader.
    documents, documents_count = found_documents(query, SEARCH_DOCUMENTS)
    pages = Page.objects.matching(query)
    counts = {
        "articles": page.paginator.count,
        "documents": documents_count,
        "pages": pages.count(),
    }
    counts["total"] = sum(counts.values())
    return {
        "page_obj": page,
        "articles": page.object_list,
        "page_numbers": page_numbers(page),
        "documents": documents if page.number == 1 else [],
        "pages": list(pages[:SEARCH_PAGES]) if page.number == 1 else [],
        "counts": counts,
    }
