"""Canadian sales tax by the billing address's province, from the TaxRate rows (data).
(The labelled lines of a placed order are `Order.taxes`.)"""

from dataclasses import dataclass

from billing.models import TaxRate


@dataclass(frozen=True)
class Taxes:
    gst: int = 0
    hst: int = 0
    pst: int = 0

    @property
    def total(self) -> int:
        return self.gst + self.hst + self.pst


def _part(amount_cents: int, rate: int) -> int:
    # Rounded half up to the cent, on integers only.
    return (amount_cents * rate + 50000) // 100000


def compute_taxes(amount_cents: int, province: str) -> Taxes:
    rate = TaxRate.objects.filter(province=province).first()
    if rate is None:
        return Taxes()
    return Taxes(
        gst=_part(amount_cents, rate.gst_mp),
        hst=_part(amount_cents, rate.hst_mp),
        pst=_part(amount_cents, rate.pst_mp),
    )
