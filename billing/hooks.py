"""What happens when an order is paid: each app registers a fulfilment function for the
products it sells (licensing: "create N licence codes"; job board: "add N credits").

A hook receives the order line, runs inside the fulfilment transaction with the order row
locked, and must do its work in a bounded number of queries. Billing calls it at most once
per line (the line's fulfilled_at is set in the same transaction)."""

from collections.abc import Callable
from typing import Any

Hook = Callable[..., None]  # (*, line) -> None

_hooks: dict[str, Hook] = {}


def register_fulfilment(key: str, hook: Hook) -> None:
    _hooks[key] = hook


def get_fulfilment(key: str) -> Hook:
    return _hooks[key]


# Services whose groups may buy, with the permissions billing checks on the group.
_shops: dict[str, "Shop"] = {}


class Shop:
    def __init__(
        self,
        *,
        service: str,
        buy_permission: str,
        history_permission: str,
        finance_role: str = "",
        home_url_name: str = "",
        seller: dict[str, Any] | None = None,
        invoice_copy_permission: str = "",
        invoice_copy_alert: str = "",
        layout_template: str = "",
        after_purchase: Callable[..., list[tuple[str, str]]] | None = None,
    ):
        self.service = service
        self.buy_permission = buy_permission
        self.history_permission = history_permission
        self.finance_role = finance_role  # members with this role receive invoice copies
        self.home_url_name = home_url_name  # where the buyer goes back to (url with group_id)
        # Printed on invoices: name, address, email, gst_number, qst_number.
        self.seller = seller or {}
        # When set, invoice copies go to the members holding this permission who switched the
        # alert on (opt-in), instead of every member with the finance role.
        self.invoice_copy_permission = invoice_copy_permission
        self.invoice_copy_alert = invoice_copy_alert
        # The page layout of the shop's pages (cart, review, order, history): the selling
        # app's own space, with its menu; it fills the block `billing_content`.
        self.layout_template = layout_template or "billing/layout.html"
        # After a completed purchase: (request, group, order) -> [(label, url)], the next
        # steps the order page offers (the job board: create or resume a posting).
        self.after_purchase = after_purchase


def register_shop(shop: Shop) -> Shop:
    _shops[shop.service] = shop
    return shop


def get_shop(service: str) -> Shop | None:
    return _shops.get(service)
