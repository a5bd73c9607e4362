"""Employer pages of the postings: dashboard, my postings, the wizard, actions, packages and
the shop; and the regulator's adjustment page. Views are thin: services do the writes."""

import functools
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from billing.errors import BillingError
from billing.models import Product
from billing.services import cart_set
from jobboard import roles
from jobboard.boosts import services as boosts
from jobboard.boosts.alerts import ALERT_KEYS, ALERT_LABELS
from jobboard.employer.company import missing_company_info
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.access import group_for_user, posting_in_group
from jobboard.postings.forms import (
    BuyForm,
    ConfigurationForm,
    DetailsForm,
    PriceForm,
    ProfileForm,
    StaffEditForm,
)
from jobboard.postings.hooks import INVOICE_COPY_ALERT
from jobboard.postings.models import Posting
from jobboard.postings.next_steps import RESUME_KEY
from jobboard.postings.queries import (
    ListedPosting,
    dashboard_figures,
    group_balances,
    group_ledger,
    latest_postings,
    postings_page,
    revision_note,
)
from jobboard.public.page import public_context
from jobboard.templatetags.jobboard_employer import group_url
from portal.lib.typography import long_date
from portal.selectors import audit_history

S = Posting.State
STEPS = ["profile", "details", "configuration", "package", "preview"]
STEP_LABELS = {
    "profile": gettext_lazy("Profile"),
    "details": gettext_lazy("Details"),
    "configuration": gettext_lazy("Configuration"),
    "package": gettext_lazy("Package"),
    "preview": gettext_lazy("Preview"),
}
PER_PAGE = 25


# --- Actions per status and role (the seed's status sheet) -------------------------------

# action -> (permission needed, states where it is offered)
ACTIONS: dict[str, tuple[str, set[str]]] = {
    "resume": (roles.MANAGE_POSTINGS, {S.DRAFT}),
    "return_package": (roles.MANAGE_POSTINGS, {S.DRAFT}),
    "revise": (roles.MANAGE_POSTINGS, {S.TO_REVISE}),
    "edit": (roles.MANAGE_POSTINGS, {S.SCHEDULED, S.ACTIVE}),
    "submit": (roles.MANAGE_POSTINGS, {S.DRAFT, S.TO_REVISE, S.SCHEDULED, S.ACTIVE}),
    "cancel": (roles.MANAGE_POSTINGS, {S.TO_REVISE}),
    "cancel_validation": (roles.CANCEL_IN_VALIDATION, {S.IN_VALIDATION, S.SCHEDULED}),
    "end": (roles.MANAGE_POSTINGS, {S.ACTIVE}),
    "boost": (roles.BUY, {S.ACTIVE}),
    "feature": (roles.MANAGE_POSTINGS, {S.ACTIVE}),
    "extend": (roles.MANAGE_POSTINGS, {S.ACTIVE}),
    "archive": (roles.MANAGE_POSTINGS, {S.EXPIRED}),
    "duplicate": (
        roles.MANAGE_POSTINGS,
        {S.DRAFT, S.IN_VALIDATION, S.TO_REVISE, S.SCHEDULED, S.ACTIVE, S.EXPIRED},
    ),
}


# The actions that are POST buttons, with their labels.
ACTION_BUTTONS = [
    ("duplicate", gettext_lazy("Duplicate")),
    ("cancel", gettext_lazy("Cancel")),
    ("cancel_validation", gettext_lazy("Cancel")),
    ("end", gettext_lazy("End publication")),
    ("archive", gettext_lazy("Archive")),
    ("return_package", gettext_lazy("Return the package to the bank")),
    ("feature", gettext_lazy("Feature for 7 days")),
    ("extend", gettext_lazy("Add a 7-day extension")),
]


def allowed_actions(posting: Posting, perms: set[str], today=None) -> set[str]:
    allowed = {"view", "history"}
    for action, (permission, states) in ACTIONS.items():
        if permission in perms and posting.state in states:
            allowed.add(action)
    if not posting.credit_kind:
        allowed.discard("return_package")
    if posting.featured_until and posting.featured_until >= (today or timezone.localdate()):
        allowed.discard("feature")
    return allowed


# The status badge's colour per state (jobboard/postings/_badge.html, for one posting).
BADGES: dict[str, str] = {
    S.DRAFT: "text-bg-secondary",
    S.IN_VALIDATION: "text-bg-info",
    S.TO_REVISE: "text-bg-warning",
    S.SCHEDULED: "text-bg-primary",
    S.ACTIVE: "text-bg-success",
    S.EXPIRED: "text-bg-dark",
}
DEFAULT_BADGE = "text-bg-light border"
DANGER = {"end", "cancel", "cancel_validation"}
_ID = 987654321  # stands for the posting's id in a reversed address


@dataclass
class Row:
    """One line of a postings table, built here rather than by per-row includes: the badge,
    the links (address, label, with the title for screen readers) and the POST buttons."""

    posting: ListedPosting
    actions: set[str]
    html: str  # the whole <tr>, escaped (the template prints it as it is)


_GROUP = 987654320  # stands for the group's id in an address reversed once per language


@functools.lru_cache(maxsize=64)
def _addresses(language: str | None) -> tuple[list, list]:
    """The rows' links (action, address, label, style, whether the title is repeated for
    screen readers) and POST buttons (action, address, label), for any group and posting."""

    def address(name: str, *extra) -> str:
        return reverse(f"jobboard:{name}", args=[_GROUP, _ID, *extra])

    links = [
        ("resume", address("posting_resume"), _("Resume creation"), "btn-primary", False),
        ("revise", address("posting_step", "details"), _("Revise"), "btn-primary", False),
        (
            "edit",
            address("posting_step", "details"),
            _("Edit and resubmit"),
            "btn-outline-primary",
            False,
        ),
        ("view", address("posting_detail"), _("View"), "btn-outline-secondary", True),
        ("boost", address("boosts"), _("Boost"), "btn-outline-secondary", True),
    ]
    buttons = [(a, address("posting_action", a), str(label)) for a, label in ACTION_BUTTONS]
    return links, buttons


_ROW = (
    "\n    <tr>\n      <td>\n        {}{}\n        {}\n        {}\n      </td>\n"
    '      <td><span class="badge {}">{}</span></td>\n'
    "      <td>{}</td>\n"
    '      <td><div class="d-flex flex-wrap gap-1">\n        {}\n      </div></td>\n'
    "    </tr>\n  "
)


def _rows(request, postings, perms, group) -> list[Row]:
    """Addresses are reversed once per language, not once per row and action; each row is
    written as one escaped string (no loop nor condition per row in the template)."""
    csrf_input = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    today = timezone.localdate()
    days: dict = {}

    def day(value) -> str:
        if value not in days:
            days[value] = long_date(value)
        return days[value]

    group_part = str(group.pk)
    links, buttons = _addresses(translation.get_language())
    links = [(a, url.replace(str(_GROUP), group_part), *rest) for a, url, *rest in links]
    buttons = [(a, url.replace(str(_GROUP), group_part), label) for a, url, label in buttons]
    state_labels = {state: str(label) for state, label in S.choices}
    package_attached = format_html(
        '<span class="badge text-bg-light border">{}</span>', _("Package attached")
    )
    online_version = format_html(
        '<span class="badge text-bg-light border">{}</span>', _("Published version online")
    )
    # Each action's markup escaped once per request, not once per row (issue 19): a row only
    # puts its id in the address (and its title in the links' hidden text).
    ID = str(_ID)
    link_pieces = [
        (action, format_html('<a class="btn btn-sm {}" href="{}">{}', css, url, label), hidden)
        for action, url, label, css, hidden in links
    ]
    button_pieces = [
        (
            action,
            format_html('\n          <form method="post" action="{}" class="d-inline">', url),
            csrf_input
            + format_html(
                '\n            <button class="btn btn-sm {}">{}</button>\n          </form>',
                "btn-outline-danger" if action in DANGER else "btn-outline-secondary",
                label,
            ),
        )
        for action, url, label in buttons
    ]
    rows = []
    for posting in postings:
        actions = allowed_actions(posting, perms, today)
        pk = str(posting.pk)
        title = str(posting)
        hidden_title = format_html('<span class="visually-hidden">: {}</span>', title)
        state = posting.state
        live = posting.live
        if live:
            when = day(posting.ends_on) or "—"
        elif state == S.SCHEDULED and posting.publish_on:
            when = format_html(
                '<span data-testid="publish-on">{}</span>',
                _("Published on %(d)s") % {"d": day(posting.publish_on)},
            )
        else:
            when = "—"
        actions_html = "".join(
            start.replace(ID, pk) + (hidden_title if hidden else "") + "</a>"
            for action, start, hidden in link_pieces
            if action in actions
        ) + "".join(
            start.replace(ID, pk) + end for action, start, end in button_pieces if action in actions
        )
        actions_html = mark_safe(actions_html)  # noqa: S308 (pieces escaped above, id is digits)
        reference = posting.reference
        html = format_html(
            _ROW,
            title,
            format_html(' <span class="text-body-secondary small">({})</span>', reference)
            if reference
            else "",
            package_attached if state == S.DRAFT and posting.credit_kind else "",
            online_version if live and state != S.ACTIVE else "",
            BADGES.get(state, "text-bg-light border"),
            state_labels.get(state, state),
            when,
            actions_html,
        )
        rows.append(Row(posting=posting, actions=actions, html=html))
    return rows


# --- Dashboard and lists -----------------------------------------------------------------


@login_required
@require_GET
def dashboard(request, group_id: int):
    group, perms = group_for_user(request.user, group_id)
    if roles.VIEW_DASHBOARD not in perms:
        # The group switcher and the job site link here; members without the dashboard
        # (finance managers) land on the company page instead.
        return redirect("jobboard:company", group.pk)
    counts, cart, to_revise = dashboard_figures(group)
    postings_url = group_url("jobboard:postings", group.pk)
    resume = None
    resume_id = request.session.get(RESUME_KEY)
    if resume_id:
        resume = Posting.objects.filter(pk=resume_id, group=group, state=S.DRAFT).first()
    context = {
        "group": group,
        "perms": perms,
        "action_buttons": ACTION_BUTTONS,
        "postings_url": postings_url,
        # The links per status written in one go (escaped), not by a template loop.
        "counts_html": format_html_join(
            "",
            '\n        <li class="list-inline-item"><a href="{}?status={}"><span class="badge {}">'
            "{}</span> <span>({})</span></a></li>\n      ",
            (
                (postings_url, state, BADGES.get(state, DEFAULT_BADGE), label, counts[state])
                for state, label in S.choices
            ),
        ),
        "total": sum(n for state, n in counts.items() if state != S.ARCHIVED),
        "rows": _rows(request, latest_postings(group), perms, group),
        "resume": resume,
        "missing": missing_company_info(group),
        "to_revise": to_revise if roles.MANAGE_POSTINGS in perms else [],
        "cart_count": cart,  # read with the counts: the employer menu's cart link shows it
    }
    return render(request, "jobboard/postings/dashboard.html", context)


@login_required
@require_GET
def postings(request, group_id: int):
    group, perms = group_for_user(request.user, group_id, roles.VIEW_DASHBOARD)
    status = request.GET.get("status", "")
    page, cart = postings_page(group, status, request.GET.get("page"), PER_PAGE)
    context = {
        "group": group,
        "perms": perms,
        "action_buttons": ACTION_BUTTONS,
        "status": status if status in S.values else "",
        "statuses": S.choices,
        "page_obj": page,
        "rows": _rows(request, page.object_list, perms, group),
    }
    if cart is not None:  # read with the page's rows: the employer menu's cart link shows it
        context["cart_count"] = cart
    return render(request, "jobboard/postings/list.html", context)


# --- The wizard ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def posting_create(request, group_id: int):
    group, perms = group_for_user(request.user, group_id, roles.MANAGE_POSTINGS)
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        posting = services.posting_create(
            group=group, actor=request.user, profile=form.cleaned_data["profile"]
        )
        return redirect("jobboard:posting_step", group.pk, posting.pk, "details")
    return render(
        request, "jobboard/postings/wizard.html", _wizard_context(group, None, "profile", form)
    )


def _wizard_context(group, posting, step, form, **extra):
    reached = STEPS.index(posting.step) if posting and posting.step in STEPS else 0
    if posting is not None and posting.state == S.TO_REVISE and "revision_note" not in extra:
        # Revising: the regulator's request stays in view on every step.
        extra["revision_note"] = revision_note(posting)
    return {
        "group": group,
        "posting": posting,
        "step": step,
        "steps": [
            (name, STEP_LABELS[name], i <= max(reached, STEPS.index(step)) and posting is not None)
            for i, name in enumerate(STEPS)
        ],
        "form": form,
        **extra,
    }


FORMS = {"profile": ProfileForm, "details": DetailsForm, "configuration": ConfigurationForm}


@login_required
@require_GET
def posting_resume(request, group_id: int, posting_id: int):
    group, _perms = group_for_user(request.user, group_id, roles.MANAGE_POSTINGS)
    posting = posting_in_group(group, posting_id)
    return redirect("jobboard:posting_step", group.pk, posting.pk, posting.step or "details")


@login_required
@require_http_methods(["GET", "POST"])
def posting_step(request, group_id: int, posting_id: int, step: str):
    group, perms = group_for_user(request.user, group_id, roles.MANAGE_POSTINGS)
    posting = posting_in_group(group, posting_id)
    if step not in STEPS:
        raise Http404
    if posting.state not in services.EDITABLE:
        messages.error(request, _("This posting cannot be changed in its current status."))
        return redirect("jobboard:posting_detail", group.pk, posting.pk)
    if step in FORMS:
        form = FORMS[step](request.POST or None, instance=posting)
        if request.method == "POST" and form.is_valid():
            following = STEPS[STEPS.index(step) + 1]
            try:
                services.posting_save_step(
                    posting=posting, form=form, actor=request.user, next_step=following
                )
            except JobboardError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Draft saved."))
                return redirect("jobboard:posting_step", group.pk, posting.pk, following)
        return render(
            request, "jobboard/postings/wizard.html", _wizard_context(group, posting, step, form)
        )
    if step == "package":
        return _package_step(request, group, perms, posting)
    return _preview_step(request, group, posting)


def package_needs(posting: Posting, balances: dict[str, int]) -> list[tuple[str, object, bool]]:
    """(credit type, label, available) for each credit the posting will take on submission."""
    needs: list[tuple[str, object, bool]] = []
    if not posting.credit_kind:
        kind = services.credit_for(posting)
        needs.append((kind, services.CREDIT_LABELS[kind], balances.get(kind, 0) > 0))
    if posting.featured and not posting.featured_credit:
        kind = services.FEATURED
        needs.append((kind, services.CREDIT_LABELS[kind], balances.get(kind, 0) > 0))
    return needs


def _package_step(request, group, perms, posting):
    balances = group_balances(group)
    needs = package_needs(posting, balances)
    missing = [kind for kind, _label, ok in needs if not ok]
    if request.method == "POST":
        if request.POST.get("buy") and missing:
            if roles.BUY not in perms:
                raise PermissionDenied
            try:
                for kind in missing:
                    product = get_object_or_404(
                        Product, code=services.PRODUCT_FOR_CREDIT[kind], active=True
                    )
                    cart_set(group=group, product=product, quantity=1, actor=request.user)
            except BillingError as error:
                messages.error(request, error.message)
            else:
                request.session[RESUME_KEY] = posting.pk
                return redirect("billing:checkout", group_id=group.pk)
        elif not missing:
            Posting.objects.filter(pk=posting.pk, step="package").update(step="preview")
            return redirect("jobboard:posting_step", group.pk, posting.pk, "preview")
        else:
            messages.error(request, _("A package is missing: add it to your cart first."))
    context = _wizard_context(
        group,
        posting,
        "package",
        None,
        needs=needs,
        missing=missing,
        balances=balances,
        labels=services.CREDIT_LABELS,
    )
    return render(request, "jobboard/postings/wizard.html", context)


def _preview_step(request, group, posting):
    problems = services.submission_problems(posting)
    context = _wizard_context(
        group, posting, "preview", None, problems=problems, **public_context(posting, preview=True)
    )
    return render(request, "jobboard/postings/wizard.html", context)


# --- Detail, history and actions -----------------------------------------------------------


@login_required
@require_GET
def posting_detail(request, group_id: int, posting_id: int):
    group, perms = group_for_user(request.user, group_id, roles.VIEW_DASHBOARD)
    posting = posting_in_group(group, posting_id)
    context = {
        "group": group,
        "posting": posting,
        "actions": allowed_actions(posting, perms),
        "action_buttons": ACTION_BUTTONS,
        "history": audit_history(posting),
        "revision_note": revision_note(posting) if posting.state == S.TO_REVISE else "",
        **public_context(posting, preview=True),
    }
    return render(request, "jobboard/postings/detail.html", context)


ACTION_SERVICES = {
    "submit": services.posting_submit,
    "cancel": services.posting_cancel,
    "cancel_validation": services.posting_cancel,
    "end": services.posting_end,
    "archive": services.posting_archive,
    "duplicate": services.posting_duplicate,
    "return_package": services.posting_return_package,
    "feature": boosts.posting_feature,
    "extend": boosts.posting_extend,
}
ACTION_DONE = {
    "submit": gettext_lazy(
        "Your posting was sent to the Order for validation (up to 2 business days)."
    ),
    "cancel": gettext_lazy("The posting is back in draft; its package stays attached."),
    "cancel_validation": gettext_lazy("The posting is back in draft; its package stays attached."),
    "end": gettext_lazy("The publication has ended."),
    "archive": gettext_lazy("The posting is archived."),
    "duplicate": gettext_lazy("A copy was created as a draft."),
    "return_package": gettext_lazy("The package went back to your bank."),
    "feature": gettext_lazy("The posting is featured for 7 days."),
    "extend": gettext_lazy("The posting stays online 7 more days."),
}


@login_required
@require_POST
def posting_action(request, group_id: int, posting_id: int, action: str):
    group, perms = group_for_user(request.user, group_id)
    posting = posting_in_group(group, posting_id)
    if action not in ACTION_SERVICES:
        raise Http404
    permission, _states = ACTIONS[action]
    if permission not in perms:
        raise PermissionDenied
    if action not in allowed_actions(posting, perms):
        messages.error(request, _("This posting cannot change that way now."))
        return redirect("jobboard:posting_detail", group.pk, posting.pk)
    try:
        result = ACTION_SERVICES[action](posting=posting, actor=request.user)
    except JobboardError as error:
        messages.error(request, error.message)
        if action == "submit":
            return redirect("jobboard:posting_step", group.pk, posting.pk, "preview")
        if action in {"feature", "extend"} and roles.BUY in perms:
            return redirect("jobboard:boosts", group.pk, posting.pk)  # where to buy one
        return redirect("jobboard:posting_detail", group.pk, posting.pk)
    messages.success(request, ACTION_DONE[action])
    if action == "duplicate":
        return redirect("jobboard:posting_step", group.pk, result.pk, "details")
    if action == "submit":
        request.session.pop(RESUME_KEY, None)
    return redirect("jobboard:posting_detail", group.pk, result.pk)


# --- Packages, shop, communications ----------------------------------------------------


@login_required
@require_GET
def packages(request, group_id: int):
    group, perms = group_for_user(request.user, group_id, roles.BUY)
    balances = group_balances(group)
    page = Paginator(group_ledger(group), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "group": group,
        "balances": [
            (label, balances.get(kind, 0)) for kind, label in services.CREDIT_LABELS.items()
        ],
        "labels": services.CREDIT_LABELS,
        "page_obj": page,
    }
    return render(request, "jobboard/postings/packages.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def buy(request, group_id: int):
    group, _perms = group_for_user(request.user, group_id, roles.BUY)
    products = {
        p.code: p for p in Product.objects.filter(service="jobboard", active=True).order_by("pk")
    }
    form = BuyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        product = products.get(form.cleaned_data["product"])
        if product is None:
            raise Http404
        try:
            cart_set(
                group=group,
                product=product,
                quantity=form.cleaned_data["quantity"],
                actor=request.user,
            )
        except BillingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Added to your cart."))
            return redirect("billing:checkout", group_id=group.pk)
    sections = [
        (_("Engineer packages"), [p for c, p in products.items() if "-engineer-" in c]),
        (_("CPI package"), [p for c, p in products.items() if "-cpi-" in c]),
        (
            _("Boosts"),
            [p for c, p in products.items() if c in {"jobboard-featured", "jobboard-extension"}],
        ),
    ]
    return render(request, "jobboard/postings/buy.html", {"group": group, "sections": sections})


@login_required
@require_http_methods(["GET", "POST"])
def communications(request, group_id: int):
    """My communications: the invoice copies (opt-in) for those who may receive them, and
    the posting alerts (J8, off by default) for those who manage the postings."""
    from portal.alerts import alert_choices, alert_preferences_save

    group, perms = group_for_user(request.user, group_id)
    may_copy = roles.INVOICE_COPY in perms
    may_alert = roles.MANAGE_POSTINGS in perms
    if request.method == "POST":
        if not (may_copy or may_alert):
            raise PermissionDenied
        choices = {}
        if may_copy:
            choices[INVOICE_COPY_ALERT] = request.POST.get("invoice_copy") == "on"
        if may_alert:
            for key in ALERT_KEYS.values():
                choices[key] = request.POST.get(key) == "on"
        alert_preferences_save(user=request.user, choices=choices)
        messages.success(request, _("Your choice was saved."))
        return redirect("jobboard:communications", group.pk)
    chosen = alert_choices(request.user)
    context = {
        "group": group,
        "invoice_copy": may_copy,
        "invoice_copy_on": may_copy and chosen.get(INVOICE_COPY_ALERT, False),
        "posting_alerts": [
            (key, ALERT_LABELS[kind], chosen.get(key, False)) for kind, key in ALERT_KEYS.items()
        ]
        if may_alert
        else [],
    }
    return render(request, "jobboard/postings/communications.html", context)


# --- Regulator staff ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_posting_edit(request, posting_id: int):
    """Regulator staff adjust a posting under validation before approving it."""
    if request.user.staff_role != "regulator":
        raise Http404
    posting = get_object_or_404(
        Posting.objects.select_related("group__organisation"),
        pk=posting_id,
        state=S.IN_VALIDATION,
    )
    form = StaffEditForm(request.POST or None, instance=posting)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_staff_edit(posting=posting, form=form, actor=request.user)
        except JobboardError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The posting was adjusted; the change is in its history."))
            return redirect(reverse("staff_inbox"))
    return render(request, "jobboard/postings/staff_edit.html", {"posting": posting, "form": form})


@login_required
@require_POST
def staff_posting_cancel(request, posting_id: int):
    """Regulator staff may cancel any posting: back to draft before publication, or the
    publication ended when it is online."""
    if request.user.staff_role != "regulator":
        raise Http404
    posting = get_object_or_404(Posting, pk=posting_id)
    try:
        if posting.state == S.ACTIVE:
            services.posting_end(posting=posting, actor=request.user)
        else:
            services.posting_cancel(posting=posting, actor=request.user)
    except JobboardError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The posting was cancelled."))
    return redirect(reverse("staff_inbox"))


@login_required
@require_http_methods(["GET", "POST"])
def staff_products(request):
    """Regulator staff set the prices of the job board's packages and boosts."""
    if request.user.staff_role != "regulator":
        raise Http404
    products = list(Product.objects.filter(service="jobboard").order_by("pk"))
    if request.method == "POST":
        product = get_object_or_404(Product, service="jobboard", code=request.POST.get("code"))
        form = PriceForm(request.POST)
        if form.is_valid():
            services.product_price_set(
                product=product, price_cents=form.cents(), actor=request.user
            )
            messages.success(request, _("The price was changed."))
            return redirect("jobboard:staff_products")
        messages.error(request, _("Give a price in dollars, like 395 or 395.50."))
    return render(request, "jobboard/postings/staff_products.html", {"products": products})
