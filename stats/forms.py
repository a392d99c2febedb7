import datetime

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model

from stats import clock

MAX_DAYS = 3660


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label="Từ ngày",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
    )
    end = forms.DateField(
        label="Đến ngày",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
    )

    @classmethod
    def default_range(cls):
        today = clock.local_day()
        return today - datetime.timedelta(days=29), today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
            if (end - start).days > MAX_DAYS:
                raise forms.ValidationError("Khoảng thời gian tối đa là 10 năm.")
        return data


class ReportForm(DateRangeForm):
    """The period and filters of the articles and documents reports."""

    REPORTS = (("articles", "Bài viết"), ("documents", "Văn bản"))
    FORMATS = (("xlsx", "Excel (XLSX)"), ("csv", "CSV"))

    category = forms.ModelChoiceField(
        label="Chuyên mục", queryset=None, required=False, empty_label="Tất cả chuyên mục"
    )
    author = forms.ModelChoiceField(
        label="Người viết", queryset=None, required=False, empty_label="Tất cả người viết"
    )
    document_type = forms.ModelChoiceField(
        label="Loại văn bản", queryset=None, required=False, empty_label="Tất cả loại"
    )
    issuing_body = forms.ModelChoiceField(
        label="Cơ quan ban hành", queryset=None, required=False, empty_label="Tất cả cơ quan"
    )
    report = forms.ChoiceField(label="Báo cáo", choices=REPORTS)
    format = forms.ChoiceField(label="Định dạng", choices=FORMATS)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "bc")
        super().__init__(*args, **kwargs)
        invalid = "Lựa chọn không hợp lệ."
        self.fields["category"].queryset = apps.get_model("news", "Category").objects.all()
        self.fields["author"].queryset = (
            get_user_model()
            .objects.filter(news_articles__isnull=False)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["author"].label_from_instance = lambda u: (
            f"{u.last_name} {u.first_name}".strip() or u.username
        )
        self.fields["document_type"].queryset = apps.get_model(
            "documents", "DocumentType"
        ).objects.all()
        self.fields["issuing_body"].queryset = apps.get_model(
            "documents", "IssuingBody"
        ).objects.all()
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = invalid
            field.error_messages["required"] = f"Vui lòng chọn {field.label.lower()}."
