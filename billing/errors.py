class BillingError(Exception):
    """A billing rule refused the action; `message` is shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
