"""The allowlist that stored article HTML passes through (nh3), whatever the editor sent.

It keeps what CKEditor's toolbar offers (portal/settings.py CKEDITOR_5_CONFIGS) and what
the editor shows of pasted HTML: alignment of blocks, text colour, horizontal lines,
special characters; nothing else.
"""

import re

import nh3

TAGS = {
    "p",
    "br",
    "hr",
    "span",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "small",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
# Blocks that CKEditor's alignment applies to.
ALIGNABLE = {"p", "h2", "h3", "h4", "h5", "h6", "li"}
ALIGNMENTS = {"left", "center", "right", "justify"}
# A colour as CKEditor writes it: #hex, rgb()/rgba(), hsl()/hsla(); no url(), no expression.
_COLOUR = re.compile(r"^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\))$")
ATTRIBUTES = {
    **{tag: {"style"} for tag in ALIGNABLE},
    "span": {"style"},
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "source": {"srcset", "sizes", "media", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "ol": {"start", "reversed", "type"},
}
# CKEditor 5's image and table classes; everything else (Word's Mso* classes) goes.
IMAGE_CLASSES = {
    "image",
    "image-inline",
    "image_resized",
    "image-style-side",
    "image-style-inline",
    "image-style-align-left",
    "image-style-align-center",
    "image-style-align-right",
    "image-style-block-align-left",
    "image-style-block-align-right",
}
CLASSES = {
    "figure": IMAGE_CLASSES | {"table"},
    "img": IMAGE_CLASSES,
    "table": {"table"},
    "span": {"image-inline"},
    "p": {"text-center"},
}
# Their content is code or an embed, never text a reader should see.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
# What is left of a class attribute whose classes were all dropped.
_EMPTY_CLASS = re.compile(r' class=""')


def _style(tag, declarations):
    """The declarations of ``declarations`` that the toolbar offers, normalised, or None."""
    kept = []
    for declaration in declarations.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), " ".join(value.lower().split())
        if name == "text-align" and tag in ALIGNABLE and value in ALIGNMENTS:
            kept.append(f"text-align:{value}")
        elif name in ("color", "background-color") and tag == "span" and _COLOUR.match(value):
            kept.append(f"{name}:{value}")
    return ";".join(kept) + ";" if kept else None


def _attribute_filter(tag, attribute, value):
    if attribute == "style":
        return _style(tag, value)
    return value


def clean_html(value):
    """Sanitised article HTML: tags, attributes, classes and URL schemes on the list only."""
    if not value:
        return ""
    # "class" is never a plain attribute here: allowed_classes filters it per tag.
    cleaned = nh3.clean(
        value,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )
    return _EMPTY_CLASS.sub("", cleaned).strip()
