import time
import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from documents import demo

@pytest.mark.django_db
def test_perf(client):
    t=time.time(); demo.bulk_documents(30000); print("bulk", time.time()-t)
    with connection.cursor() as c: c.execute("ANALYZE documents_document")
    for url in ["/van-ban/", "/van-ban/?q=tuyen truyen dai hoi", "/van-ban/?year=2020&code=123", "/van-ban/?page=1000"]:
        client.get(url)
        t=time.time(); r=client.get(url); print(url, r.status_code, round(time.time()-t,3))
    from documents.search import search_documents
    t=time.time(); print(len(list(search_documents("dieu tra du luan", None)[:10])), time.time()-t)
    with connection.cursor() as c:
        c.execute("EXPLAIN ANALYZE SELECT id FROM documents_document WHERE search_text LIKE '%dieu tra%' ")
        print("\n".join(r[0] for r in c.fetchall()))
