from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_ratelimit.decorators import ratelimit

from . import services
from .forms import VoteForm
from .models import Poll

# Ids of the polls this browser voted in, read by polls.js to show "already voted"
# in the right column without a request (pages stay cacheable for everyone).
VOTED_COOKIE = "polls_voted"
VOTED_COOKIE_MAX_IDS = 50
SUCCESS_MESSAGE = "Cảm ơn bạn đã tham gia bình chọn!"


def poll_context(poll, request, form=None, results_requested=False, error=""):
    """What the poll page shows this reader: the form, the results, or a note."""
    has_voted = services.has_voted(poll, request)
    can_vote = poll.is_open() and not has_voted
    results_allowed = poll.results_visible(has_voted)
    show_results = results_allowed and (results_requested or not can_vote)
    return {
        "poll": poll,
        "choices": list(poll.choices.all()),
        "has_voted": has_voted,
        "can_vote": can_vote,
        "results_allowed": results_allowed,
        "results_requested": results_requested,
        "results": services.get_results(poll.pk) if show_results else None,
        "form": form or VoteForm(poll),
        "vote_error": error,
    }


@method_decorator(never_cache, name="dispatch")
class PollDetailView(DetailView):
    """/tham-do/<id>/: depends on who asks (voted or not), so it is never cached."""

    model = Poll
    template_name = "polls/poll_detail.html"
    results_requested = False

    def get_queryset(self):
        return Poll.objects.active()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(poll_context(self.object, self.request, None, self.results_requested))
        return context


class PollResultsView(PollDetailView):
    results_requested = True

    def get(self, request, *args, **kwargs):
        # polls.js asks for the results fragment of a poll this browser voted in (the
        # right column is cached for everyone, so it holds the form).
        if _wants_json(request):
            poll = self.get_object()
            return JsonResponse(
                {"html": _results_fragment(poll, services.has_voted(poll, request))}
            )
        return super().get(request, *args, **kwargs)


class PollListView(ListView):
    """/tham-do/: every poll shown to the public, newest first, open or closed."""

    template_name = "polls/poll_list.html"
    context_object_name = "polls"
    paginate_by = 20

    def get_queryset(self):
        return Poll.objects.active().filter(opens_at__lte=timezone.now())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_numbers"] = page.paginator.get_elided_page_range(page.number)
        context["now"] = timezone.now()
        return context


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _results_fragment(poll, has_voted=True):
    """The results shown in place of the form to a reader who has (just) voted."""
    context = {"poll": poll, "compact": True}
    if poll.results_visible(has_voted=has_voted):
        context["results"] = services.get_results(poll.pk)
    return render_to_string("polls/_results.html", context, request=None)


def _remember_vote(response, request, poll):
    ids = [i for i in request.COOKIES.get(VOTED_COOKIE, "").split(".") if i.isdigit()]
    if str(poll.pk) not in ids:
        ids = [*ids, str(poll.pk)][-VOTED_COOKIE_MAX_IDS:]
    response.set_cookie(
        VOTED_COOKIE, ".".join(ids), max_age=365 * 24 * 3600, samesite="Lax", httponly=False
    )
    return response


REJECT_STATUS = {"duplicate": 409, "ip_limit": 429, "bot": 403}


def post_rate(group, request):
    # A coarse guard against hammering, whatever the poll; the per-poll allowance that
    # lets an office vote is in services.cast_vote.
    return settings.POLL_POST_RATE


# Over the rate, RatelimitMiddleware answers with portal.views.ratelimited (429); with
# Redis down the limit fails open (RATELIMIT_FAIL_OPEN) and the voter key still holds.
@require_POST
@ratelimit(key="stats.visitors.rate_key", rate=post_rate, method="POST")
def vote(request, pk):
    poll = get_object_or_404(Poll.objects.active(), pk=pk)
    form = VoteForm(poll, request.POST)

    def check_captcha():
        if not form.is_valid():
            raise services.VoteRejected(form.errors["captcha"][0], "captcha")

    try:
        services.cast_vote(poll, request.POST.getlist("choice"), request, confirm=check_captcha)
    except services.VoteRejected as rejected:
        return _rejected(request, poll, form, rejected)
    if _wants_json(request):
        response = JsonResponse(
            {"ok": True, "message": SUCCESS_MESSAGE, "html": _results_fragment(poll)}
        )
    else:
        messages.success(request, SUCCESS_MESSAGE)
        response = redirect(poll)
    return _remember_vote(response, request, poll)


def _rejected(request, poll, form, rejected):
    status = REJECT_STATUS.get(rejected.code, 400)
    duplicate = rejected.code == "duplicate"
    if _wants_json(request):
        body = {"ok": False, "code": rejected.code, "message": rejected.message}
        if duplicate:
            body["html"] = _results_fragment(poll)
        if rejected.code == "captcha":
            body["url"] = poll.get_absolute_url()
        response = JsonResponse(body, status=status)
    elif duplicate:
        messages.info(request, rejected.message)
        response = redirect(poll)
    else:
        # A fresh form (new captcha challenge) that keeps the reader's choices.
        fresh = VoteForm(poll)
        fresh.chosen = form.chosen
        context = poll_context(poll, request, fresh, error=rejected.message)
        response = render(request, "polls/poll_detail.html", context, status=status)
    return _remember_vote(response, request, poll) if duplicate else response
