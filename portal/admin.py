from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth import password_validation
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.http import HttpResponseRedirect
from django.urls import reverse
from solo.admin import SingletonModelAdmin

from news.models import Category

from .models import Banner, MaintenanceNotice, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonModelAdmin):
    pass


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "order", "is_active", "active_from", "active_until"]
    list_editable = ["order", "is_active"]
    list_filter = ["position", "is_active"]
    search_fields = ["title"]


@admin.register(MaintenanceNotice)
class MaintenanceNoticeAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "shown_from", "message", "is_active"]
    list_filter = ["is_active"]
    fields = ["starts_at", "ends_at", "message", "shown_from", "is_active"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.notice_is_short:
            messages.warning(
                request,
                f"Thông báo này đăng trước chưa đủ {obj.NOTICE_WORKING_DAYS} ngày làm việc "
                "như quy định; nếu có thể, hãy lùi thời điểm tạm dừng.",
            )


# Accounts: permissions in Vietnamese, names in Vietnamese order, an editor in one form ------

ACTION_LABELS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}
# Apps whose permissions a department gives; the rest (sessions, captcha...) stay hidden.
PERMISSION_APPS = [
    "news",
    "documents",
    "polls",
    "pages",
    "multimedia",
    "portal",
    "stats",
    "importer",
    "auth",
    "axes",
]


class VietnamesePermissionField(forms.ModelMultipleChoiceField):
    """ "Tin tức | bài viết | Sửa" instead of Django's "Can change bài viết"."""

    def label_from_instance(self, obj):
        model = obj.content_type.model_class()
        if model is None:
            return obj.name
        action, _, rest = obj.codename.partition("_")
        label = ACTION_LABELS.get(action) if rest == model._meta.model_name else None
        app = apps.get_app_config(model._meta.app_label).verbose_name
        return f"{app} | {model._meta.verbose_name} | {label or obj.name}"


def permission_field(db_field, **kwargs):
    queryset = Permission.objects.filter(
        content_type__app_label__in=PERMISSION_APPS
    ).select_related("content_type")
    return VietnamesePermissionField(
        queryset=queryset,
        required=False,
        label=db_field.verbose_name.capitalize(),
        widget=FilteredSelectMultiple(db_field.verbose_name, is_stacked=False),
    )


admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class PortalGroupAdmin(GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "permissions":
            return permission_field(db_field)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EditorAccountForm(forms.ModelForm):
    """A staff account in one form: name, e-mail, group, categories, first password."""

    last_name = forms.CharField(
        label="Họ và tên đệm", max_length=150, help_text="Ví dụ: Nguyễn Thị"
    )
    first_name = forms.CharField(label="Tên", max_length=150, help_text="Ví dụ: Lan")
    email = forms.EmailField(label="Thư điện tử")
    group = forms.ModelChoiceField(
        label="Nhóm quyền",
        queryset=Group.objects.exclude(name="Báo cáo viên").order_by("name"),
        help_text="Biên tập viên viết bài; Thư ký tòa soạn duyệt đăng; các nhóm Quản lý ... "
        "làm việc của mình mà không cần quyền quản trị cao nhất.",
    )
    categories = forms.ModelMultipleChoiceField(
        label="Chuyên mục phụ trách",
        queryset=Category.objects.all(),
        required=False,
        widget=FilteredSelectMultiple("chuyên mục", is_stacked=False),
        help_text="Để trống: biên tập viên được viết ở mọi chuyên mục.",
    )
    password1 = forms.CharField(
        label="Mật khẩu ban đầu",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Người dùng nên đổi mật khẩu ở lần đăng nhập đầu tiên.",
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["username", "last_name", "first_name", "email"]
        help_texts = {"username": "Chữ không dấu, số và các ký tự @ . + - _ (ví dụ: lan.nguyen)."}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Địa chỉ thư điện tử này đã có tài khoản.")
        return email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Hai lần nhập mật khẩu không giống nhau.")
        elif first:
            probe = User(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_staff = True
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
            self.save_related(user)
        return user

    def save_related(self, user):
        user.groups.set([self.cleaned_data["group"]])
        user.news_categories.set(self.cleaned_data["categories"])


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    add_form = EditorAccountForm
    add_fieldsets = [
        (None, {"fields": ["last_name", "first_name", "username", "email"]}),
        ("Quyền và phân công", {"fields": ["group", "categories"]}),
        ("Mật khẩu", {"fields": ["password1", "password2"]}),
    ]
    list_display = ["username", "full_name", "email", "group_names", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin cá nhân", {"fields": ["last_name", "first_name", "email"]}),
        (
            "Quyền",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Thời điểm", {"fields": ["last_login", "date_joined"]}),
    ]

    @admin.display(description="Họ và tên", ordering="last_name")
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description="Nhóm quyền")
    def group_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "user_permissions":
            return permission_field(db_field)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser hands out the highest rights.
        if not request.user.is_superuser:
            return ["is_superuser", "user_permissions", "last_login", "date_joined"]
        return ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and isinstance(form, EditorAccountForm):
            form.save_related(obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        group = ", ".join(g.name for g in obj.groups.all())
        self.message_user(
            request,
            f"Đã tạo tài khoản “{obj.username}” cho {obj.get_full_name()} (nhóm {group}). "
            "Hãy báo tên đăng nhập và mật khẩu ban đầu cho người dùng.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:auth_user_changelist"))
