from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms


class PollCaptchaInput(CaptchaTextInput):
    # Lives in polls/templates/ because form widgets render with the app-dirs renderer.
    template_name = "polls/captcha_widget.html"


class VoteForm(forms.Form):
    """Carries the captcha when the poll asks for one; choices are checked by the service."""

    def __init__(self, poll, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.chosen = [str(v) for v in self.data.getlist("choice")] if self.is_bound else []
        if poll.requires_captcha:
            self.fields["captcha"] = CaptchaField(
                label="Mã xác nhận",
                help_text="Nhập các ký tự trong ảnh.",
                widget=PollCaptchaInput(
                    id_prefix=f"poll{poll.pk}",
                    attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"},
                ),
                error_messages={
                    "invalid": "Mã xác nhận không đúng, vui lòng thử lại.",
                    "required": "Vui lòng nhập mã xác nhận.",
                },
            )
