"""The unsubscribe link of every job-site mailing: works signed out, one click (RFC 8058)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from jobboard.unsubscribe import unsubscribe_read


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
        "jobboard/public/unsubscribe.html",
        {"mailing": mailing, "done": done, "email": user.email},
    )
