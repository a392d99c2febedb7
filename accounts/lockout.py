"""django-axes, counted twice: a username from one address (AXES_FAILURE_LIMIT) and every
username from one address (AXES_ADDRESS_FAILURE_LIMIT), so spraying passwords over many
accounts is locked out too."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        per_account = super().get_failures(request, credentials)
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        per_address = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        limit = get_failure_limit(request, credentials)
        if per_account < limit and per_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # The template words the message by scope; axes compares against its own limit.
            request.axes_lockout_scope = "address"
            request.axes_address_failure_limit = settings.AXES_ADDRESS_FAILURE_LIMIT
            return limit
        request.axes_lockout_scope = "account"
        return per_account
