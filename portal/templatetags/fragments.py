"""{% fragment %}: Django's {% cache %} that first looks in fragments the view fetched.

A page with several cached fragments pays one Redis round trip per fragment; a view that
knows them fetches them all at once with ``portal.pagecache.prefetch_fragments`` and puts
the result in the context as ``prefetched_fragments``. Same syntax as {% cache %}:
``{% fragment seconds name vary1 vary2 … %}…{% endfragment %}``.
"""

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template import TemplateSyntaxError, VariableDoesNotExist

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, expire_time_var, fragment_name, vary_on):
        self.nodelist = nodelist
        self.expire_time_var = expire_time_var
        self.fragment_name = fragment_name
        self.vary_on = vary_on

    def render(self, context):
        try:
            expire_time = int(self.expire_time_var.resolve(context))
        except (VariableDoesNotExist, ValueError, TypeError) as exc:
            raise TemplateSyntaxError(
                f"fragment {self.fragment_name!r}: the timeout must be an integer"
            ) from exc
        key = make_template_fragment_key(
            self.fragment_name, [var.resolve(context) for var in self.vary_on]
        )
        prefetched = context.get("prefetched_fragments")
        if prefetched is not None and key in prefetched.asked:
            value = prefetched.get(key)  # asked already: absent means a miss
        else:
            value = cache.get(key)
        if value is None:
            value = self.nodelist.render(context)
            cache.set(key, value, expire_time)
        return value


@register.tag("fragment")
def do_fragment(parser, token):
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError(f"{tokens[0]!r} tag requires at least 2 arguments.")
    return FragmentNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],
        [parser.compile_filter(t) for t in tokens[3:]],
    )
