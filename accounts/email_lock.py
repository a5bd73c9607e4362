"""C1: the sign-in e-mail cannot be changed by the user where a service says so.

A service declares `locks_email=True` in the service registry; once the user has an active
or requested membership in one of its groups, every way allauth offers to change the login
e-mail (add an address, remove one, make another primary, confirm a pending change) is
refused with a message naming the service.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.service_registry import email_locking_services


def email_lock_message(user) -> str | None:
    """Why the user's e-mail is locked, in their language, or None if it is not."""
    locking = email_locking_services(user)
    if not locking:
        return None
    names = ", ".join(str(service.name) for service in locking)
    return str(
        format_lazy(
            _(
                "Your e-mail address is your sign-in and is tied to your organisation in "
                "{services}: it cannot be changed. Write to the office if it must change."
            ),
            services=names,
        )
    )
