from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """An e-mail provider that is down."""

    def send_messages(self, email_messages):
        raise ConnectionError("provider is down")
