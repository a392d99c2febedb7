import datetime

from django import forms

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
