# Readers, reporters and staff as the documents tests make them: sign-in guards their files.
from tests.documents.conftest import plain_user, reporter, restricted_doc, staff  # noqa: F401
