"""The job seekers' pages (J8, J10): sign-up, profile, « My communications », following a
company, saved searches, and the one-click unsubscribe of every job-site mailing. Thin views
over jobboard.seekers' services."""

from urllib.parse import urlencode

from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobboard.errors import JobboardError
from jobboard.public import search as job_search
from jobboard.seekers import saved_searches
from jobboard.seekers import services as seekers
from jobboard.seekers.forms import SeekerFieldsForm, SeekerSignupForm, profile_initial
from jobboard.seekers.models import SavedSearch
from jobboard.seekers.unsubscribe import unsubscribe_read
from portal.lib.redirects import safe_next
from portal.lib.typography import long_date

_ANY = 987654321  # stands for a row's id in an address reversed once


def _language(request) -> str:
    return translation.get_language() or "fr"


class SeekerSignup(SignupView):
    """allauth's sign-up with the seeker's profile; then the e-mail is verified as usual."""

    form_class = SeekerSignupForm
    template_name = "jobboard/seekers/signup.html"

    def get_form_class(self):
        return SeekerSignupForm

    def form_valid(self, form):
        response = super().form_valid(form)
        seekers.seeker_profile_save(
            user=self.user, language=_language(self.request), **form.profile_data()
        )
        return response


signup = SeekerSignup.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Create or change the signed-in user's seeker profile (any account may have one)."""
    seeker = seekers.seeker_profile_of(request.user)
    form = SeekerFieldsForm(request.POST or None, initial=profile_initial(seeker))
    if request.method == "POST" and form.is_valid():
        seekers.seeker_profile_save(
            user=request.user, language=_language(request), **form.profile_data()
        )
        messages.success(request, _("Your job seeker profile has been saved."))
        return redirect("jobboard:seeker_communications")
    return render(request, "jobboard/seekers/profile.html", {"form": form, "seeker": seeker})


def _follow_rows(request, follows: list[dict]) -> str:
    """The followed companies' table rows, each with its unfollow form (coming back here),
    built in Python: the addresses reversed once, the CSRF token and the texts read once."""
    public = reverse("jobboard:company_public", args=[_ANY]).split(str(_ANY))
    unfollow = reverse("jobboard:seeker_unfollow", args=[_ANY]).split(str(_ANY))
    token, back, label = get_token(request), request.get_full_path(), _("Unfollow")
    rows = []
    for row in follows:
        group_id = row["group_id"]
        group_name = row["group_name"]
        rows.append(
            format_html(
                _FOLLOW_ROW,
                public_url=f"{public[0]}{group_id}{public[1]}",
                company=row["company_name"],
                group=format_html(' <span class="text-body-secondary">({})</span>', group_name)
                if group_name
                else "",
                since=long_date(row["since"]),
                unfollow_url=f"{unfollow[0]}{group_id}{unfollow[1]}",
                token=token,
                back=back,
                label=label,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (each row made by format_html)


_FOLLOW_ROW = """
              <tr>
                <td><a href="{public_url}">{company}</a>{group}</td>
                <td>{since}</td>
                <td class="text-end">
                  <form method="post" action="{unfollow_url}">
                    <input type="hidden" name="csrfmiddlewaretoken" value="{token}">
                    <input type="hidden" name="next" value="{back}">
                    <button class="btn btn-sm btn-outline-secondary" type="submit">{label}\
<span class="visually-hidden"> {company}</span></button>
                  </form>
                </td>
              </tr>
"""


@login_required
@require_GET
def communications(request):
    """What the job site sends me: followed companies, the jobs of the week, targeted
    postings (with the wording of the consent), saved searches. One statement for the
    profile, its consent and the followed companies; their rows built here."""
    mine = seekers.communications_of(request.user)
    context = {
        "mine": mine,
        "follows": _follow_rows(request, mine.follows),
        "wording": seekers.consent_wording(_language(request)),
    }
    return render(request, "jobboard/seekers/communications.html", context)


@login_required
@require_POST
def weekly(request):
    on = request.POST.get("on") == "1"
    seekers.weekly_digest_set(user=request.user, on=on)
    messages.success(
        request,
        _("You will receive the jobs of the week.")
        if on
        else _("You will no longer receive the jobs of the week."),
    )
    return redirect("jobboard:seeker_communications")


@login_required
@require_POST
def consent(request):
    if request.POST.get("give") == "1":
        seekers.consent_give(user=request.user, language=_language(request))
        messages.success(request, _("You agreed to receive targeted job postings."))
    else:
        seekers.consent_withdraw(user=request.user)
        messages.success(request, _("You will no longer receive targeted job postings."))
    return redirect("jobboard:seeker_communications")


def _public_group(group_id: int):
    return get_object_or_404(seekers.public_groups(), pk=group_id)


def _back(request, group_id: int):
    return redirect(safe_next(request, reverse("jobboard:company_public", args=[group_id])))


@require_POST
def follow(request, group_id: int):
    """Follow a company; signed out, sign in first and come back to the company's page."""
    group = _public_group(group_id)
    if not request.user.is_authenticated:
        back = safe_next(request, reverse("jobboard:company_public", args=[group.pk]))
        return redirect(f"{reverse('account_login')}?{urlencode({'next': back}, safe='/')}")
    seekers.follow(user=request.user, group=group)
    messages.success(request, _("You follow this company: each new posting is e-mailed to you."))
    return _back(request, group.pk)


@login_required
@require_POST
def unfollow(request, group_id: int):
    seekers.unfollow(user=request.user, group_id=group_id)
    messages.success(request, _("You no longer follow this company."))
    return _back(request, group_id)


# --- Saved searches (J10) -------------------------------------------------------------


@login_required
@require_POST
def saved_search_create(request):
    query = QueryDict(request.POST.get("query", ""))
    try:
        saved_searches.saved_search_create(
            user=request.user,
            label=request.POST.get("label", ""),
            params=job_search.params_of(query),
        )
    except JobboardError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Search saved: you will receive an e-mail when new postings match it.")
        )
    target = reverse("jobboard:search")
    return redirect(f"{target}?{query.urlencode()}" if query else target)


@login_required
@require_GET
def saved_search_list(request):
    """Each row's link, dates in words, delete address and button text computed once here
    (the label is escaped before it goes into the translated button)."""
    search_url = reverse("jobboard:search")
    delete = reverse("jobboard:saved_search_delete", args=[_ANY]).split(str(_ANY))
    button = _('Delete<span class="visually-hidden"> the search « %(name)s »</span>')
    rows = []
    for found in SavedSearch.objects.filter(user=request.user).order_by("-created_at"):
        query = job_search.querystring(found.params)
        rows.append(
            {
                "label": found.label,
                "url": f"{search_url}?{query}" if query else search_url,
                "created": long_date(found.created_at),
                "last_sent": long_date(found.last_sent_at) or "—",
                "delete_url": f"{delete[0]}{found.pk}{delete[1]}",
                "button": mark_safe(button % {"name": conditional_escape(found.label)}),  # noqa: S308
            }
        )
    return render(request, "jobboard/seekers/saved_searches.html", {"rows": rows})


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    if not saved_searches.saved_search_delete(user=request.user, pk=pk):
        raise Http404
    messages.success(request, _("The saved search was deleted."))
    return redirect("jobboard:saved_searches")


# --- The unsubscribe link of every job-site mailing: works signed out, one click (RFC 8058).


# Mail clients POST "List-Unsubscribe=One-Click" without a CSRF token (RFC 8058); the signed
# token is the proof, and the only effect is to stop one mailing for its owner.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = unsubscribe_read(token)
    if found is None:
        raise Http404
    user, mailing, arg = found
    done = request.method == "POST"
    if done:
        mailing.stop(user, arg)
    return render(
        request,
        "jobboard/seekers/unsubscribe.html",
        {"mailing": mailing, "done": done, "email": user.email},
    )
