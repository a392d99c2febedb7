from django.utils import timezone

from .models import SiteSettings


def site(request):
    """The site's identity and today's date for the frame of every page."""
    return {"site": SiteSettings.get_solo(), "today": timezone.localtime()}
