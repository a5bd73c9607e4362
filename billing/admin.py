from django.contrib import admin

from billing.models import BillingProfile, Order, OrderLine, Product, PromoCode, TaxRate


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "service", "name_en", "unit_price_cents", "active"]


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = ["province", "gst_mp", "hst_mp", "pst_mp"]


@admin.register(PromoCode)
class PromoCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "percent_off", "amount_off_cents", "valid_until", "used_count"]
    readonly_fields = ["used_count"]


@admin.register(BillingProfile)
class BillingProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "service", "invoice_eligible"]
    raw_id_fields = ["organisation"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in OrderLine._meta.fields]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders change through billing.services (staff use the invoices page)."""

    list_display = ["pk", "group", "state", "method", "total_cents", "invoice_number"]
    list_filter = ["state", "method"]
    inlines = [OrderLineInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
