"""Credits bought by a group and spent by an app (job board postings and boosts).

The balance row is changed by one conditional UPDATE (`balance >= n`), so two requests that
spend the last credit at the same instant cannot both succeed: the second finds the row
already at 0 once the first commits. Every movement is also a ledger row (CreditEntry)."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from billing.errors import BillingError
from billing.models import CreditBalance, CreditEntry
from portal.services.audit import audit_record

R = CreditEntry.Reason


def _add(*, group, kind: str, n: int, reason: str, actor=None, **ref) -> CreditEntry:
    CreditBalance.objects.get_or_create(group=group, kind=kind)
    CreditBalance.objects.filter(group=group, kind=kind).update(balance=F("balance") + n)
    return CreditEntry.objects.create(
        group=group, kind=kind, delta=n, reason=reason, actor=actor, **ref
    )


@transaction.atomic
def credit_add(*, group, kind: str, n: int, order_line=None, actor=None) -> CreditEntry:
    """A purchase (billing's fulfilment hook calls this)."""
    if n <= 0:
        raise BillingError(_("The number of credits must be positive."))
    return _add(group=group, kind=kind, n=n, reason=R.PURCHASE, actor=actor, order_line=order_line)


@transaction.atomic
def credit_spend(*, group, kind: str, n: int = 1, actor, posting_id=None) -> CreditEntry:
    """Take `n` credits, or raise BillingError when fewer are left (decided by the database)."""
    taken = CreditBalance.objects.filter(group=group, kind=kind, balance__gte=n).update(
        balance=F("balance") - n
    )
    if not taken:
        raise BillingError(_("No credit of this type is left: buy a package first."))
    return CreditEntry.objects.create(
        group=group, kind=kind, delta=-n, reason=R.APPLY, actor=actor, posting_id=posting_id
    )


@transaction.atomic
def credit_return(*, group, kind: str, n: int = 1, actor, posting_id=None) -> CreditEntry:
    """A credit taken by a posting that was never published goes back to the bank."""
    return _add(group=group, kind=kind, n=n, reason=R.RETURN, actor=actor, posting_id=posting_id)


@transaction.atomic
def credit_adjust(*, group, kind: str, n: int, actor, note: str) -> CreditEntry:
    """Staff add or remove credits (a gesture, a correction); audited with the reason."""
    if not note.strip():
        raise BillingError(_("Write the reason for the adjustment."))
    if n < 0:
        taken = CreditBalance.objects.filter(group=group, kind=kind, balance__gte=-n).update(
            balance=F("balance") + n
        )
        if not taken:
            raise BillingError(_("The group does not have that many credits."))
        entry = CreditEntry.objects.create(
            group=group, kind=kind, delta=n, reason=R.ADJUST, actor=actor, note=note.strip()
        )
    else:
        entry = _add(group=group, kind=kind, n=n, reason=R.ADJUST, actor=actor, note=note.strip())
    audit_record(
        actor=actor, subject=group, verb="credits.adjusted", note=note, data={"kind": kind, "n": n}
    )
    return entry


def balances(group) -> dict[str, int]:
    return dict(CreditBalance.objects.filter(group=group).values_list("kind", "balance"))
