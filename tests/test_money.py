"""Checks for Money: exact minor units, forgiving input, and "USD 20,000" display."""

import subprocess
import sys
from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.records.money import Money

CURRENCIES = ["USD", "EUR", "GBP", "CHF", "JPY", "BHD"]

monies = st.builds(
    Money,
    minor=st.integers(min_value=-(10**15), max_value=10**15),
    currency=st.sampled_from(CURRENCIES),
)


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("20000", 2_000_000),
        ("20,000", 2_000_000),
        ("20 000", 2_000_000),
        ("20\u00a0000", 2_000_000),
        ("20000.50", 2_000_050),
        ("1,234.5", 123_450),
        ("  1,234.5 ", 123_450),
        ("0.05", 5),
        (".5", 50),
        ("0", 0),
        ("20000.500", 2_000_050),
        ("1,000,000", 100_000_000),
        ("USD 20,000", 2_000_000),
        ("20,000 usd", 2_000_000),
        ("-3.50", -350),
        ("-USD 3.50", -350),
    ],
)
def test_parse_accepts_common_ways_of_writing_usd(text: str, minor: int) -> None:
    assert Money.parse(text, "USD") == Money(minor, "USD")


def test_parse_uses_the_currencys_decimals() -> None:
    assert Money.parse("12", "JPY") == Money(12, "JPY")
    assert Money.parse("1,200", "JPY") == Money(1200, "JPY")
    assert Money.parse("1.234", "BHD") == Money(1234, "BHD")
    assert Money.parse("12", "usd") == Money(1200, "USD")


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("twenty", "USD", "'twenty' is not an amount"),
        ("", "USD", "'' is not an amount"),
        ("USD", "USD", "'USD' is not an amount"),
        ("20,5", "USD", "'20,5' is not an amount"),
        ("1,23,4", "USD", "'1,23,4' is not an amount"),
        ("1,000 000", "USD", "'1,000 000' is not an amount"),
        ("12.5", "JPY", "'12.5' is not an amount in JPY: JPY has no minor units"),
        ("1.005", "USD", "'1.005' is not an amount in USD: USD has 2 decimal places"),
        ("EUR 5", "USD", "'EUR 5' is not an amount in USD: it is written in EUR"),
        ("5", "XXQ", "'XXQ' is not a currency code"),
    ],
)
def test_parse_refuses_bad_input_naming_it(text: str, currency: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        Money.parse(text, currency)
    assert str(caught.value) == message


@given(st.text(max_size=20), st.sampled_from(CURRENCIES))
def test_parse_of_any_text_gives_money_or_a_value_error(text: str, currency: str) -> None:
    try:
        result = Money.parse(text, currency)
    except ValueError as error:
        assert f"'{text.strip()}'" in str(error)
    else:
        assert result.currency == currency


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(2_000_000, "USD"), "USD 20,000"),
        (Money(2_000_050, "USD"), "USD 20,000.50"),
        (Money(5, "USD"), "USD 0.05"),
        (Money(0, "EUR"), "EUR 0"),
        (Money(123_456, "JPY"), "JPY 123,456"),
        (Money(1234, "BHD"), "BHD 1.234"),
        (Money(-350, "USD"), "-USD 3.50"),
        (Money(10**30 + 1, "USD"), "USD 10,000,000,000,000,000,000,000,000,000.01"),
    ],
)
def test_format_shows_code_space_and_grouped_number(money: Money, text: str) -> None:
    assert money.format() == str(money) == text


def test_format_follows_the_requested_locale() -> None:
    assert Money(2_000_050, "USD").format("fr_FR") == "USD 20\u202f000,50"


@pytest.mark.parametrize(
    ("money", "major"),
    [
        (Money(2_000_050, "USD"), Decimal("20000.50")),
        (Money(12, "JPY"), Decimal("12")),
        (Money(1234, "BHD"), Decimal("1.234")),
        (Money(-5, "EUR"), Decimal("-0.05")),
    ],
)
def test_major_is_exact(money: Money, major: Decimal) -> None:
    assert money.major == major


@given(monies)
def test_formatted_and_major_amounts_read_back(money: Money) -> None:
    assert Money.parse(str(money), money.currency) == money
    assert Money.parse(str(money.major), money.currency) == money


@pytest.mark.parametrize("currency", ["usd", "US", "USDX", "U5D", ""])
def test_currency_must_be_three_capital_letters(currency: str) -> None:
    with pytest.raises(ValueError, match="is not a currency code"):
        Money(100, currency)


@pytest.mark.parametrize("minor", [1.5, Decimal("1"), "100", True])
def test_minor_must_be_a_whole_number(minor: object) -> None:
    with pytest.raises(TypeError, match="whole number"):
        Money(minor, "USD")  # type: ignore[arg-type]


def test_is_immutable_and_hashable() -> None:
    money = Money(100, "USD")
    with pytest.raises(FrozenInstanceError):
        money.minor = 200  # type: ignore[misc]
    assert {money, Money(100, "USD"), Money(100, "EUR")} == {Money(100, "USD"), Money(100, "EUR")}


def test_importing_does_not_load_babel_or_qt() -> None:
    code = (
        "import sys, coopdesk.records.money; "
        "assert not any(m.split('.')[0] in ('babel', 'PySide6') for m in sys.modules), 'loaded too much'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
