class CaseworkError(Exception):
    """A casework rule refused the action; `message` is shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NearDuplicates(CaseworkError):
    """Registration stopped: these clients look like the same person (S2). The worker picks
    one or confirms "a different person" with a reason."""

    def __init__(self, message, candidates):
        super().__init__(message)
        self.candidates = candidates
