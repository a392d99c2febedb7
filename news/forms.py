from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms

from .models import Comment

CAPTCHA_REQUIRED = "Vui lòng nhập mã xác nhận."


class CommentCaptchaInput(CaptchaTextInput):
    """The captcha widget in Vietnamese, with a "new code" button.

    Deferred, it renders an empty shell (no key, no image) and creates no challenge:
    a reader's GET must not write to the database; news.js fills it in on demand.
    """

    template_name = "news/widgets/captcha.html"
    deferred = False

    def render(self, name, value, attrs=None, renderer=None):
        if not self.deferred:
            return super().render(name, value, attrs, renderer)
        self._key, self._value = "", ["", ""]
        return forms.MultiWidget.render(self, name, self._value, attrs, renderer)

    def get_context(self, name, value, attrs):
        if not self.deferred:
            return super().get_context(name, value, attrs)
        context = forms.MultiWidget.get_context(self, name, value, attrs)
        context.update(image="", audio=None)
        return context


class DeferredCaptchaMixin:
    """A form whose captcha may be deferred: rendered empty on a reader's GET (no database
    write) and fetched by news.js when the reader starts writing."""

    def __init__(self, *args, defer_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.defer_captcha = defer_captcha
        self.fields["captcha"].widget.deferred = defer_captcha

    @property
    def captcha_missing(self):
        """Posted without any captcha (no JavaScript, or sent before one was fetched)."""
        return self.is_bound and not any(
            self.data.get(f"captcha_{index}", "").strip() for index in (0, 1)
        )

    def only_captcha_missing(self):
        """The single problem is the absent challenge: a step of the flow, not a bad input."""
        return self.captcha_missing and set(self.errors) == {"captcha"}


class CommentForm(DeferredCaptchaMixin, forms.ModelForm):
    captcha = CaptchaField(
        label="Mã xác nhận",
        help_text="Nhập các ký tự trong ảnh.",
        widget=CommentCaptchaInput(),
        error_messages={
            "required": CAPTCHA_REQUIRED,
            "invalid": "Mã xác nhận không đúng, vui lòng thử lại.",
        },
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
        # The field has already stripped the ends (a blank name is "required").
        return " ".join(self.cleaned_data["name"].split())


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        error_messages={
            "required": "Vui lòng chọn số sao (từ 1 đến 5).",
            "invalid_choice": "Điểm đánh giá phải từ 1 đến 5 sao.",
        },
    )
