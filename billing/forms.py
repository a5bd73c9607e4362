from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from billing.models import BillingAddress, Order
from portal.lib.canada import Province


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000)


class CheckoutForm(forms.Form):
    address = forms.ChoiceField(label=_("Billing address"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name on the invoice"), max_length=200, required=False)
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    province = forms.ChoiceField(
        label=_("Province or territory"),
        choices=[("", "—"), *Province.choices],
        required=False,
    )
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$",
        error_messages={"invalid": _("Enter a postal code like G1R 4S9.")},
        required=False,
    )
    invoice_note = forms.CharField(
        label=_("Note on the invoice (optional)"), max_length=300, required=False
    )
    po_number = forms.CharField(
        label=_("Purchase order number (optional)"), max_length=60, required=False
    )
    promo_code = forms.CharField(label=_("Promo code (optional)"), max_length=40, required=False)

    NEW = "new"

    def __init__(self, *args, addresses: list[BillingAddress], **kwargs):
        super().__init__(*args, **kwargs)
        self.addresses = {str(a.pk): a for a in addresses}
        cast(forms.ChoiceField, self.fields["address"]).choices = [
            *((str(a.pk), str(a)) for a in addresses),
            (self.NEW, _("A new address")),
        ]
        if not self.is_bound:
            self.initial["address"] = next(iter(self.addresses), self.NEW)

    def clean(self):
        data = super().clean() or {}
        if data.get("address") == self.NEW:
            for field in ("name", "street_address", "city", "province", "postal_code"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, _("This field is required for a new address."))
        return data

    def chosen_address(self) -> BillingAddress | None:
        return self.addresses.get(self.cleaned_data["address"])

    def new_address_fields(self) -> dict:
        data = self.cleaned_data
        postal = data["postal_code"].upper().replace(" ", "")
        return {
            "name": data["name"],
            "street_address": data["street_address"],
            "city": data["city"],
            "province": data["province"],
            "postal_code": f"{postal[:3]} {postal[3:]}",
        }


class PlaceOrderForm(forms.Form):
    method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)
    terms = forms.BooleanField(
        label=_("I have read and accept the terms of use and the purchase and billing terms."),
        error_messages={"required": _("Accept the terms to complete the purchase.")},
    )

    def __init__(self, *args, methods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Order.Method.choices)
        cast(forms.ChoiceField, self.fields["method"]).choices = [(m, labels[m]) for m in methods]
        if methods:
            self.initial["method"] = methods[0]


class InvoiceEligibilityForm(forms.Form):
    invoice_eligible = forms.BooleanField(label=_("May pay by invoice (net 30)"), required=False)
