from captcha.fields import CaptchaField
from django import forms

from .models import Comment


class CommentForm(forms.ModelForm):
    captcha = CaptchaField(
        label="Mã xác nhận",
        help_text="Nhập các ký tự trong ảnh.",
        error_messages={"invalid": "Mã xác nhận không đúng, vui lòng thử lại."},
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "text"]
        labels = {"name": "Họ và tên", "email": "Thư điện tử (không bắt buộc)", "text": "Ý kiến"}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "text": forms.Textarea(
                attrs={"rows": 5, "maxlength": Comment.MAX_LENGTH, "data-char-counter": ""}
            ),
        }
        error_messages = {
            "name": {"required": "Vui lòng nhập họ và tên."},
            "email": {"invalid": "Địa chỉ thư điện tử không hợp lệ."},
            "text": {
                "required": "Vui lòng nhập nội dung bình luận.",
                "max_length": (
                    "Bình luận dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."
                ),
            },
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Vui lòng nhập họ và tên.")
        return name

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Vui lòng nhập nội dung bình luận.")
        return text


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        error_messages={
            "required": "Vui lòng chọn số sao (từ 1 đến 5).",
            "invalid_choice": "Điểm đánh giá phải từ 1 đến 5 sao.",
        },
    )
