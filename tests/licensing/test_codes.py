"""L2: codes are random, well-formed, forgiving to type, and a typo is caught before lookup."""

import pytest

from licensing import codes
from licensing.errors import LicensingError
from licensing.models import LicenceCode
from licensing.services import code_lookup, codes_create
from tests.licensing.helpers import company


def test_generated_codes_have_the_alphabet_and_a_valid_check_character():
    for _ in range(500):
        code = codes.generate()
        assert len(code) == 16
        assert not set(code) & set("ILOU")
        assert codes.normalise(code) == code


def test_display_groups_by_four():
    assert codes.display("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"


def test_typing_is_forgiven():
    code = codes.generate()
    shown = codes.display(code)
    assert codes.normalise(shown.lower()) == code
    assert codes.normalise(" ".join(code[i : i + 4] for i in range(0, 16, 4))) == code
    assert codes.normalise(f"  {shown}  ") == code
    body = "0110" + code[4:15]
    full = body + codes.check_character(body)
    assert codes.normalise("OIL" + "o" + full[4:]) == full


def test_every_single_mistyped_character_is_caught():
    code = codes.generate()
    for position in range(16):
        for replacement in codes.ALPHABET:
            if replacement == code[position]:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(codes.CodeError) as caught:
                codes.normalise(typo)
            assert caught.value.reason == "check"


def test_adjacent_swaps_are_mostly_caught():
    caught = total = 0
    for _ in range(200):
        code = codes.generate()
        for i in range(15):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            total += 1
            try:
                codes.normalise(swapped)
            except codes.CodeError:
                caught += 1
    assert caught / total > 0.95


@pytest.mark.parametrize(
    "typed,reason", [("ABC", "length"), ("U" * 16, "character"), ("", "length")]
)
def test_malformed_codes(typed, reason):
    with pytest.raises(codes.CodeError) as caught:
        codes.normalise(typed)
    assert caught.value.reason == reason


@pytest.mark.django_db
def test_a_typo_is_refused_without_any_query(django_assert_num_queries):
    code = codes.generate()
    typo = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    with django_assert_num_queries(0), pytest.raises(LicensingError) as refused:
        code_lookup(typo)
    assert "typing mistake" in str(refused.value.message)
    with django_assert_num_queries(0), pytest.raises(LicensingError):
        code_lookup("not a code")


@pytest.mark.django_db
def test_unknown_code_is_refused_after_one_lookup(django_assert_num_queries):
    with django_assert_num_queries(1), pytest.raises(LicensingError) as refused:
        code_lookup(codes.generate())
    assert "does not exist" in str(refused.value.message)


@pytest.mark.django_db
def test_codes_are_created_in_one_insert_and_collisions_are_drawn_again(monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = company()
    existing = codes.generate()
    LicenceCode.objects.create(group=group, code=existing)
    fresh = [codes.generate() for _ in range(5)]
    draws = iter([existing, *fresh])
    monkeypatch.setattr(codes, "generate", lambda: next(draws))
    with CaptureQueriesContext(connection) as queries:
        codes_create(group=group, count=5)
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    lookups = [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(inserts) == 1 and len(lookups) == 2  # the collision was drawn again
    assert set(LicenceCode.objects.filter(group=group).values_list("code", flat=True)) == {
        existing,
        *fresh,
    }
