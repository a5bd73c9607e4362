"""The posting description's HTML, cleaned on the server with an allow-list (nh3).

Kept: paragraphs, line breaks, bold, italics, underline, lists, small headings and links.
Removed: scripts, styles, iframes (with their content), every attribute but a link's href,
e-mail addresses and mailto links (applications go through the Apply button). Links open in
a new window with rel="noopener noreferrer nofollow"."""

import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
MAILTO = re.compile(r"<a\b[^>]*href\s*=\s*['\"]?\s*mailto:[^>]*>(.*?)</a>", re.I | re.S)
EMPTY_LINK = re.compile(r"<a target=\"_blank\" rel=\"[^\"]*\">(.*?)</a>", re.S)


def clean_html(html: str) -> str:
    html = MAILTO.sub(r"\1", html or "")
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        link_rel="noopener noreferrer nofollow",
        set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    )
    cleaned = EMAIL.sub("", cleaned)
    # A link whose href was refused (javascript:, data:) is left as its text.
    cleaned = EMPTY_LINK.sub(r"\1", cleaned)
    return cleaned.strip()


def is_blank(html: str) -> bool:
    """True when the HTML has no visible text (an editor's empty <p><br></p>)."""
    return not re.sub(r"<[^>]+>|&nbsp;|\s", "", html or "")
