from django.contrib.auth.password_validation import MinimumLengthValidator


class StaffMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule, longer for accounts that reach the admin."""

    def validate(self, password, user=None):
        if user is not None and getattr(user, "is_staff", False):
            super().validate(password, user)

    def get_help_text(self):
        return f"Tài khoản quản trị: mật khẩu phải có ít nhất {self.min_length} ký tự."

    def get_error_message(self):
        return f"Mật khẩu quá ngắn: tài khoản quản trị cần ít nhất {self.min_length} ký tự."
