"""Invoice PDFs (WeasyPrint), in the buyer's language. The URL fetcher refuses everything but
our own static files, so a template can never make the server fetch another address."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from billing.hooks import get_shop
from billing.models import Order


def _static_roots() -> list[Path]:
    roots = [
        Path(entry[1] if isinstance(entry, tuple | list) else entry).resolve()
        for entry in getattr(settings, "STATICFILES_DIRS", [])
    ]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def safe_url_fetcher(url: str, timeout: int = 10, ssl_context=None):
    from weasyprint import default_url_fetcher

    if url.startswith("file://"):
        path = Path(url[len("file://") :]).resolve()
        if any(path.is_relative_to(root) for root in _static_roots()):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    if url.startswith(settings.STATIC_URL) or url.startswith("static:"):
        name = (
            url.split(":", 1)[-1] if url.startswith("static:") else url[len(settings.STATIC_URL) :]
        )
        found = finders.find(name)
        if found:
            return default_url_fetcher(Path(found).resolve().as_uri(), timeout=timeout)
    raise ValueError(f"refused to fetch {url[:80]}")


def invoice_pdf(order: Order) -> bytes:
    from weasyprint import HTML

    shop = get_shop(order.group.service)
    with translation.override(order.language):
        html = render_to_string(
            "billing/invoice_pdf.html",
            {
                "order": order,
                "lines": list(order.lines.all()),
                "seller": shop.seller if shop else {},
                "group": order.group,
            },
        )
    return HTML(string=html, url_fetcher=safe_url_fetcher, base_url="static:").write_pdf()
