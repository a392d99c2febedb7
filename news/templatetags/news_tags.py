from django import template

register = template.Library()


@register.simple_tag
def main_menu_items():
    """Categories shown in the main menu (filled in by the news app)."""
    return []
