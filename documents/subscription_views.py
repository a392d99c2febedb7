"""Reporters' e-mails about new documents: choosing the document types, and the unsubscribe
link every e-mail carries."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView
from django_ratelimit.decorators import ratelimit

from accounts.access import is_reporter

from . import services
from .forms import SubscriptionForm
from .models import ReporterSubscription


class SubscriptionView(LoginRequiredMixin, FormView):
    """A reporter chooses the document types they want e-mails about."""

    template_name = "documents/subscription.html"
    form_class = SubscriptionForm
    success_url = reverse_lazy("subscriptions:subscription")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_reporter(request.user):
            messages.error(request, "Thư báo văn bản mới chỉ dành cho báo cáo viên.")
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        subscription = ReporterSubscription.objects.filter(user=self.request.user).first()
        return {
            "email": self.request.user.email,
            "document_types": list(subscription.document_types.all()) if subscription else [],
        }

    def form_valid(self, form):
        services.save_subscription(self.request.user, **form.cleaned_data)
        if form.cleaned_data["document_types"]:
            messages.success(self.request, "Đã lưu lựa chọn nhận thư báo văn bản mới.")
        else:
            messages.success(self.request, "Bạn sẽ không nhận thư báo văn bản mới.")
        return super().form_valid(form)


@method_decorator(
    ratelimit(key="stats.visitors.rate_key", rate="20/h", method="POST", block=True),
    name="post",
)
class UnsubscribeView(TemplateView):
    """The link in every e-mail: works without logging in. A GET only asks (mail scanners
    open links); the button POSTs."""

    template_name = "documents/unsubscribe.html"

    def get(self, request, token):
        known = ReporterSubscription.objects.filter(token=token).exists()
        return self.render_to_response({"known": known}, status=200 if known else 404)

    def post(self, request, token):
        if not services.unsubscribe(token):
            return self.render_to_response({"known": False}, status=404)
        return self.render_to_response({"done": True, "known": True})
