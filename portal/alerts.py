"""Optional alerts: each app declares its keys here; users switch them on or off (C9)."""

from dataclasses import dataclass

from django.utils.functional import Promise

from portal.models import AlertPreference


@dataclass(frozen=True)
class Alert:
    key: str
    label: str | Promise
    default: bool = False  # optional alerts are off unless the user turns them on


_alerts: dict[str, Alert] = {}


def register_alert(key: str, label: str | Promise, default: bool = False) -> Alert:
    alert = Alert(key, label, default)
    _alerts[key] = alert
    return alert


def registered_alerts() -> list[Alert]:
    return sorted(_alerts.values(), key=lambda alert: alert.key)


def alert_enabled(user, key: str) -> bool:
    alert = _alerts[key]
    choice = AlertPreference.objects.filter(user=user, key=key).values_list("enabled", flat=True)
    return next(iter(choice), alert.default)


def alert_choices(user) -> dict[str, bool]:
    """Every registered alert with the user's current choice, in one query."""
    chosen = dict(AlertPreference.objects.filter(user=user).values_list("key", "enabled"))
    return {alert.key: chosen.get(alert.key, alert.default) for alert in registered_alerts()}


def alert_preferences_save(*, user, choices: dict[str, bool]) -> None:
    for key, enabled in choices.items():
        if key in _alerts:
            AlertPreference.objects.update_or_create(
                user=user, key=key, defaults={"enabled": enabled}
            )
