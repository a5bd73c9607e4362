class JobboardError(Exception):
    """A refusal shown to the user (`message` is translated)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
