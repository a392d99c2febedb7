from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile

from .models import DocumentFile
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
