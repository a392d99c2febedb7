import csv

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from . import services
from .models import Choice, Poll


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 3
    fields = ("text", "order", "vote_count")
    readonly_fields = ("vote_count",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_votes=Count("vote_links"))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class ChoiceForm(formset.form):
            def hand_clean_DELETE(self):
                # The model restricts the delete anyway; say why in the editor's words.
                if self.cleaned_data.get("DELETE") and self.instance.pk:
                    votes = self.instance.vote_links.count()
                    if votes:
                        raise ValidationError(
                            f"Không thể xoá phương án “{self.instance}” vì đã có {votes} phiếu "
                            "bình chọn; xoá đi sẽ làm sai kết quả. Hãy giữ phương án này "
                            "hoặc ẩn cả cuộc thăm dò."
                        )
                super().hand_clean_DELETE()

        formset.form = ChoiceForm
        return formset

    @admin.display(description="số phiếu")
    def vote_count(self, obj):
        return getattr(obj, "num_votes", 0) if obj.pk else "-"


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ("question", "kind", "opens_at", "closes_at", "is_active", "voter_count")
    list_filter = ("is_active", "kind", "results_visibility")
    search_fields = ("question",)
    date_hierarchy = "opens_at"
    inlines = [ChoiceInline]
    actions = ["export_results_csv"]
    readonly_fields = ("results_chart",)
    fieldsets = (
        (None, {"fields": ("question", "description")}),
        ("Cách bình chọn", {"fields": ("kind", "max_choices", "requires_captcha")}),
        ("Thời gian và hiển thị", {"fields": ("opens_at", "closes_at", "is_active")}),
        ("Kết quả", {"fields": ("results_visibility", "results_chart")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_voters=Count("votes"))

    @admin.display(description="lượt bình chọn", ordering="num_voters")
    def voter_count(self, obj):
        return obj.num_voters

    @admin.display(description="biểu đồ kết quả")
    def results_chart(self, obj):
        if not obj.pk:
            return "Chưa có kết quả."
        return render_to_string(
            "admin/polls/results_chart.html",
            {"poll": obj, "results": services.compute_results(obj.pk)},
        )

    @admin.action(description="Xuất kết quả ra tệp CSV")
    def export_results_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="ket-qua-tham-do-{stamp}.csv"'
        response.write("\ufeff")  # lets Excel read the Vietnamese text as UTF-8
        writer = csv.writer(response)
        writer.writerow(
            ["Mã cuộc thăm dò", "Câu hỏi", "Phương án", "Số phiếu", "Tỷ lệ (%)", "Tổng lượt"]
        )
        for poll in queryset.order_by("pk"):
            results = services.compute_results(poll.pk)
            for item in results.choices:
                writer.writerow(
                    [poll.pk, poll.question, item.text, item.votes, item.percent, results.voters]
                )
        return response
