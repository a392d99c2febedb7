from django import template
from django.template.loader import render_to_string

from core.versions import POLLS, cached_block, placeholder_context, with_csrf_token
from polls import services

register = template.Library()

BLOCK_TEMPLATE = "polls/block.html"


@register.simple_tag(takes_context=True)
def active_polls(context):
    """The right-column block: the same HTML for every reader but for the CSRF token, so it
    is a block of the polls' version (portal.pagecache) with a placeholder for the token;
    "already voted" is answered by the POST (and shown early by polls.js)."""
    html = cached_block("polls-active", (POLLS,), _block_html)
    return with_csrf_token(html, context.get("request"))


def _block_html():
    return render_to_string(BLOCK_TEMPLATE, placeholder_context(polls=services.active_polls()))


@register.filter
def choice_checked(choice, form):
    return form is not None and str(choice.pk) in getattr(form, "chosen", [])
