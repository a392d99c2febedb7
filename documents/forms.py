from captcha.fields import CaptchaField
from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile

from .models import ConsultationOpinion, DocumentFile, DocumentType
from .validators import clean_original_name, validate_document_upload


class _StoredFile:
    """What the file widget shows for a stored file: its name, linked to the download view."""

    def __init__(self, field_file):
        instance = field_file.instance
        self.url = instance.get_download_url() if instance.pk else ""
        self.name = instance.original_name or field_file.name

    def __str__(self):
        return self.name


class PrivateFileInput(AdminFileWidget):
    """Private files have no storage URL; link the stored file through the download view."""

    def is_initial(self, value):
        # The base class probes value.url, which private storage refuses.
        return bool(value and getattr(value, "name", None) and hasattr(value, "instance"))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["value"] = _StoredFile(value)
        return context


class DocumentFileForm(forms.ModelForm):
    """Admin upload form: the content is checked and the metadata filled from the upload."""

    class Meta:
        model = DocumentFile
        fields = ["file", "original_name", "order"]
        widgets = {"file": PrivateFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "original_name"
        ].help_text = "Tên hiển thị khi tải về; để trống để dùng tên tệp tải lên."

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self._checked = validate_document_upload(upload)
        return upload

    def clean_original_name(self):
        name = self.cleaned_data.get("original_name", "")
        return clean_original_name(name) if name else ""

    def save(self, commit=True):
        instance = super().save(commit=False)
        checked = getattr(self, "_checked", None)
        upload = self.cleaned_data.get("file")
        if checked is not None:
            instance.size = checked.size
            instance.content_type = checked.content_type
            if "original_name" not in self.changed_data or not instance.original_name:
                instance.original_name = clean_original_name(upload.name)
        elif not instance.original_name and instance.file:
            instance.original_name = clean_original_name(instance.file.name)
        if commit:
            instance.save()
        return instance


class ConsultationOpinionForm(forms.ModelForm):
    """A reader's opinion on a draft. The captcha is asked for on the first submission, so
    that viewing the draft creates no challenge (a reader's GET writes nothing)."""

    captcha = CaptchaField(
        label="Mã xác nhận",
        help_text="Nhập các ký tự trong ảnh.",
        error_messages={
            "required": "Vui lòng nhập mã xác nhận.",
            "invalid": "Mã xác nhận không đúng, vui lòng thử lại.",
        },
    )

    class Meta:
        model = ConsultationOpinion
        fields = ["name", "organisation", "email", "text"]
        labels = {
            "name": "Họ và tên",
            "organisation": "Cơ quan, tổ chức (không bắt buộc)",
            "email": "Thư điện tử",
            "text": "Ý kiến góp ý",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "organisation": forms.TextInput(
                attrs={"autocomplete": "organization", "maxlength": 200}
            ),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "text": forms.Textarea(attrs={"rows": 8, "maxlength": ConsultationOpinion.MAX_LENGTH}),
        }
        error_messages = {
            "name": {"required": "Vui lòng nhập họ và tên."},
            "email": {
                "required": "Vui lòng nhập địa chỉ thư điện tử.",
                "invalid": "Địa chỉ thư điện tử không hợp lệ.",
            },
            "text": {
                "required": "Vui lòng nhập nội dung góp ý.",
                "max_length": "Ý kiến dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
            },
        }

    def __init__(self, *args, with_captcha=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_captcha:
            del self.fields["captcha"]

    def only_captcha_missing(self):
        """Posted without a captcha and otherwise valid: ask for one, keeping what was typed."""
        missing = not any(self.data.get(f"captcha_{i}", "").strip() for i in (0, 1))
        return missing and set(self.errors) == {"captcha"}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())


class SubscriptionForm(forms.Form):
    """A reporter's choice of e-mails: the address and the document types."""

    email = forms.EmailField(
        label="Thư điện tử nhận thư báo",
        error_messages={
            "required": "Vui lòng nhập địa chỉ thư điện tử.",
            "invalid": "Địa chỉ thư điện tử không hợp lệ.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    document_types = forms.ModelMultipleChoiceField(
        label="Gửi thư khi có văn bản mới dành cho báo cáo viên thuộc các loại",
        queryset=DocumentType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Bỏ chọn tất cả để không nhận thư báo.",
    )
