"""The « Follow this company » button of the job site (the posting page's company card, the
company page), built in Python for each request (issue 19): it is the visitor's own part of
a page whose rest is shared by every visitor, and a template include per request cost more
than the button. Whether the visitor follows the group is one compiled query."""

from urllib.parse import quote

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from jobboard.seekers.models import Follow
from portal.lib.compiled import CompiledQuery

_FOLLOWING = CompiledQuery(
    lambda user_id, group_id: (
        Follow.objects.filter(user_id=user_id, group_id=group_id).values_list("pk").order_by()[:1]
    ),
    arity=2,
)


def following(user, group_id: int) -> bool:
    """Whether the signed-in `user` follows the group (False signed out, with no query)."""
    return user.is_authenticated and bool(_FOLLOWING.rows(user.pk, group_id))


def follow_button(request, group_id: int, followed: bool, on_dark: bool = False) -> str:
    """The button's HTML: unfollow, follow (both a POST coming back to this page), or, signed
    out, a link to sign in first and come back (a cached page carries no CSRF token)."""
    back = request.get_full_path()
    if not request.user.is_authenticated:
        return format_html(
            '<a class="btn {}" href="{}?next={}">{}</a>',
            "btn-light" if on_dark else "btn-primary",
            reverse("account_login"),
            quote(back),
            _("Follow this company"),
        )
    if followed:
        action = reverse("jobboard:seeker_unfollow", args=[group_id])
        button = format_html(
            '<button class="btn {}" type="submit" aria-pressed="true">{} · {}</button>',
            "btn-outline-light" if on_dark else "btn-outline-secondary",
            _("Following"),
            _("Unfollow"),
        )
    else:
        action = reverse("jobboard:seeker_follow", args=[group_id])
        button = format_html(
            '<button class="btn {}" type="submit">{}</button>',
            "btn-light" if on_dark else "btn-primary",
            _("Follow this company"),
        )
    return format_html(
        '<form method="post" action="{}" class="d-inline">\n'
        '    <input type="hidden" name="csrfmiddlewaretoken" value="{}">\n'
        '    <input type="hidden" name="next" value="{}">\n'
        "    {}\n"
        "  </form>",
        action,
        get_token(request),
        back,
        button,
    )
