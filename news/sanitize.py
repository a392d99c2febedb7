"""The allowlist that stored article HTML passes through (nh3), whatever the editor sent."""

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
ATTRIBUTES = {
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
    )
    return _EMPTY_CLASS.sub("", cleaned).strip()
