from captcha.fields import CaptchaField
from django import forms

from news.forms import CommentCaptchaInput, DeferredCaptchaMixin

from .models import ContactMessage


class ContactForm(DeferredCaptchaMixin, forms.ModelForm):
    captcha = CaptchaField(
        label="Mã xác nhận",
        help_text="Nhập các ký tự trong ảnh.",
        widget=CommentCaptchaInput(),
        error_messages={
            "required": "Vui lòng nhập mã xác nhận.",
            "invalid": "Mã xác nhận không đúng, vui lòng thử lại.",
        },
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "phone", "subject", "message"]
        labels = {
            "name": "Họ và tên",
            "email": "Thư điện tử",
            "phone": "Điện thoại (không bắt buộc)",
            "subject": "Tiêu đề",
            "message": "Nội dung",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "subject": forms.TextInput(attrs={"maxlength": 200}),
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": ContactMessage.MAX_LENGTH}),
        }
        error_messages = {
            "name": {"required": "Vui lòng nhập họ và tên."},
            "email": {
                "required": "Vui lòng nhập thư điện tử để chúng tôi trả lời.",
                "invalid": "Địa chỉ thư điện tử không hợp lệ.",
            },
            "subject": {"required": "Vui lòng nhập tiêu đề."},
            "message": {
                "required": "Vui lòng nhập nội dung.",
                "max_length": "Nội dung dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
            },
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())
