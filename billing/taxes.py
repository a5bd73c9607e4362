"""Canadian sales tax by the billing address's province, from the TaxRate rows (data)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


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
    from billing.models import TaxRate

    rate = TaxRate.objects.filter(province=province).first()
    if rate is None:
        return Taxes()
    return Taxes(
        gst=_part(amount_cents, rate.gst_mp),
        hst=_part(amount_cents, rate.hst_mp),
        pst=_part(amount_cents, rate.pst_mp),
    )


def tax_lines(order) -> list[tuple[str, int]]:
    """The labelled tax lines of an order (only those that apply), in the active language."""
    lines = []
    if order.gst_cents:
        lines.append((_("GST"), order.gst_cents))
    if order.hst_cents:
        lines.append((_("HST"), order.hst_cents))
    if order.pst_cents:
        lines.append((_("QST") if order.bill_province == "QC" else _("PST"), order.pst_cents))
    return lines
