"""Deploy check: the development "test payment" never reaches production."""

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def no_test_payments(app_configs, **kwargs):
    if not settings.BILLING_TEST_PAYMENTS:
        return []
    return [
        Error(
            "BILLING_TEST_PAYMENTS is on: buyers could mark orders paid without paying.",
            hint="Unset BILLING_TEST_PAYMENTS in production.",
            id="billing.E001",
        )
    ]
