"""P2: PIN generator (alphabet, format, uniqueness under forced collisions), normaliser."""

import pytest

from permits import pins
from permits.models import ContractorAccount, RetiredPin
from permits.services import PermitsError, pin_regenerate
from tests.permits.helpers import register

LOOKALIKES = set("ILOU")


def test_alphabet_has_no_lookalikes_and_32_symbols():
    assert len(set(pins.ALPHABET)) == 32
    assert not LOOKALIKES & set(pins.ALPHABET)


def test_generated_pins_use_the_alphabet_and_vary():
    drawn = {pins.generate() for _ in range(2000)}
    assert len(drawn) == 2000
    for pin in drawn:
        assert len(pin) == 9 and set(pin) <= set(pins.ALPHABET)


def test_display_format():
    assert pins.display("M5DC58TA2") == "M5D-C58-TA2"


@pytest.mark.parametrize(
    "typed",
    ["M5D-C58-TA2", "m5d-c58-ta2", " m5d c58 ta2 ", "M5DC58TA2", "m5d—c58ta2".replace("—", "-")],
)
def test_normalise_forgives_case_spaces_and_hyphens(typed):
    assert pins.normalise(typed) == "M5DC58TA2"


def test_normalise_maps_lookalikes():
    assert pins.normalise("O1I-L00-ABC") == "011100ABC"


@pytest.mark.parametrize("typed", ["", "M5D-C58", "M5D-C58-TA2-X", "M5D-C58-TU2", "M5D-C58-TA!"])
def test_normalise_rejects_what_cannot_be_a_pin(typed):
    assert pins.normalise(typed) == ""


@pytest.mark.django_db
def test_collision_with_a_live_pin_draws_again(alice, monkeypatch):
    first = register(alice)
    draws = iter([first.pin, first.pin, "ABCDEFGH2"])
    monkeypatch.setattr(pins, "generate", lambda: next(draws))
    second = register(alice, legal_name="Second inc.")
    assert second.pin == "ABCDEFGH2"
    assert ContractorAccount.objects.filter(pin=first.pin).count() == 1


@pytest.mark.django_db
def test_a_retired_pin_is_never_handed_out_again(alice, monkeypatch):
    account = register(alice)
    old = account.pin
    draws = iter(["NEWPIN234"])
    monkeypatch.setattr(pins, "generate", lambda: next(draws))
    pin_regenerate(account=account, actor=alice)
    assert RetiredPin.objects.filter(pin=old, account=account).exists()
    draws = iter([old, "THIRD2345"])
    other = register(alice, legal_name="Other inc.")
    assert other.pin == "THIRD2345"


@pytest.mark.django_db
def test_gives_up_after_repeated_collisions(alice, monkeypatch):
    first = register(alice)
    monkeypatch.setattr(pins, "generate", lambda: first.pin)
    with pytest.raises(PermitsError):
        register(alice, legal_name="Unlucky inc.")
