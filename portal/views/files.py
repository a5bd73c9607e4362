"""Download of private files: only for users an access rule allows; 404 for everyone else."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from portal.files import attachment_disposition, can_read
from portal.models import PrivateFile

security_log = logging.getLogger("portal.security")


@login_required
@require_GET
def private_file_download(request, pk):
    stored = PrivateFile.objects.filter(pk=pk).first()
    # A generic file's owner is known only from its attached object, so this one view loads
    # then checks; it answers 404 alike for a missing file and a forbidden one.
    if stored is None or not can_read(request.user, stored):
        security_log.warning("refused file=%s user=%s", pk, request.user.pk)
        raise Http404
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    response["Content-Disposition"] = attachment_disposition(stored.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
