"""Latency of the document archive searched by a phrase from the files' text.

Run on a database seeded with `seed_bulk --documents N --document-files` and extracted with
`documents_reindex --pending`:

    .venv/bin/python -m bench.document_search [requests]

Each request renders /van-ban/?q=<phrase> through Django with a cold page fragment (the
content version is bumped first), as an anonymous reader; prints p50/p95/max in ms.
"""

import os
import statistics
import sys
import time


def main(requests=200):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.test import Client

    from bench.cold import percentile
    from core.versions import bump
    from documents.demo import BULK_SENTENCES
    from documents.models import Document, normalize_search_text

    phrases = []
    for sentence in BULK_SENTENCES:
        words = normalize_search_text(sentence).replace(",", "").replace(".", "").split()
        phrases += [" ".join(words[i : i + 4]) for i in (0, 2)]
    client = Client(HTTP_HOST="127.0.0.1")
    timings, found = [], []
    for index in range(requests):
        phrase = phrases[index % len(phrases)]
        bump()
        started = time.perf_counter()
        response = client.get("/van-ban/", {"q": phrase})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        found.append(response.content.decode().count('class="document-item__snippet"'))
    p95 = percentile(timings, 0.95)
    print(
        f"{Document.objects.count()} documents, {requests} searches by a 4-word phrase: "
        f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {max(timings):.0f} ms; "
        f"{statistics.mean(found):.1f} snippets per first page"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
