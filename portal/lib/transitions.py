"""One declared state machine per workflow (docs/architecture.md, "State machines").

An app declares its table once and calls `move()` from the one service of each transition:

    POSTING = Workflow(
        "posting",
        {S.DRAFT: {S.IN_VALIDATION}, S.IN_VALIDATION: {S.DRAFT, S.TO_REVISE, S.ACTIVE}, ...},
        error=lambda: JobboardError(_("This posting cannot change that way now.")),
    )

    def posting_submit(*, posting, actor):
        posting = _locked(posting)          # the service locks the row first
        POSTING.move(posting, S.IN_VALIDATION, actor=actor)
        posting.save(update_fields=["state", ...])

`move()` checks the table, sets the field and writes the audit event (verb
"<name>.<new state>" unless given); the caller saves, so it can save other fields in the same
UPDATE. A transition not in the table raises the app's own domain error.
"""

from collections.abc import Callable, Iterable, Mapping

from portal.services.audit import audit_record


class TransitionError(Exception):
    """Raised when no app error is given; `message` is shown to the user."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class Workflow:
    def __init__(
        self,
        name: str,
        table: Mapping[str, Iterable[str]],
        *,
        field: str = "state",
        error: Callable[[], Exception] = TransitionError,
    ):
        self.name = name
        self.table: dict[str, frozenset[str]] = {
            str(state): frozenset(str(n) for n in nexts) for state, nexts in table.items()
        }
        self.field = field
        self.error = error

    def next_states(self, state: str) -> frozenset[str]:
        return self.table.get(str(state), frozenset())

    def can(self, obj, to: str) -> bool:
        return str(to) in self.next_states(getattr(obj, self.field))

    def check(self, obj, to: str) -> None:
        if not self.can(obj, to):
            raise self.error()

    def move(
        self,
        obj,
        to: str,
        *,
        actor,
        verb: str = "",
        note: str | dict = "",
        data: dict | None = None,
    ) -> str:
        """Check, set the field, audit; return the previous state. The caller saves `obj`."""
        self.check(obj, to)
        previous = getattr(obj, self.field)
        setattr(obj, self.field, to)
        audit_record(
            actor=actor,
            subject=obj,
            verb=verb or f"{self.name}.{to}",
            from_state=previous,
            to_state=to,
            note=note,
            data=data,
        )
        return previous
