from django.utils import timezone

from .models import SiteSettings


def site(request):
    """The site's identity and today's date for the frame of every page."""
    # Not "site": Django's LoginView puts its own `site` in the context.
    return {"site_settings": SiteSettings.get_solo(), "today": timezone.localtime()}
