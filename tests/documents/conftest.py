import pytest

from .factories import DocumentFactory, DocumentFileFactory, make_reporter, make_staff, make_user


@pytest.fixture
def reporter(db):
    return make_reporter()


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def plain_user(db):
    return make_user("khach")


@pytest.fixture
def public_doc(db):
    document = DocumentFactory(code="CV.2453.VPTU", summary="V/v điều tra dư luận xã hội")
    DocumentFileFactory(document=document)
    return document


@pytest.fixture
def restricted_doc(db):
    document = DocumentFactory(
        code="ĐC.07.BTGTU",
        summary="Đề cương tuyên truyền kỷ niệm ngày thành lập Đảng",
        access="reporters",
    )
    DocumentFileFactory(document=document, original_name="Đề cương tuyên truyền số 7.pdf")
    return document
