"""The recording API other apps call; the stats app buffers counts in Redis.

news and documents call these and never touch Redis themselves.
"""


def record_view(obj, request):
    """Count a view of ``obj`` (an article or a document) by this request's visitor."""


def record_download(document, request):
    """Count a download of ``document`` by this request's visitor."""
