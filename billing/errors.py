from django.utils.functional import Promise


class BillingError(Exception):
    """A billing rule refused the action; `message` is shown to the user."""

    def __init__(self, message: str | Promise):
        super().__init__(str(message))
        self.message = message
