from django import template

from polls import services

register = template.Library()


@register.inclusion_tag("polls/block.html", takes_context=True)
def active_polls(context):
    """The right-column block: the same HTML for every reader, so pages stay cacheable;
    "already voted" is answered by the POST (and shown early by polls.js)."""
    return {"polls": services.active_polls(), "csrf_token": context.get("csrf_token")}


@register.filter
def choice_checked(choice, form):
    return form is not None and str(choice.pk) in getattr(form, "chosen", [])
