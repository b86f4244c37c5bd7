"""Amounts of money as whole minor units of one currency.

Contributions and project budgets are kept as integers of the currency's smallest unit (cents for USD,
yen for JPY) so that sums are exact and nothing is lost to binary floating point. Babel supplies the
number of decimals per currency and the display format; it is imported only when needed, because
loading its locale data slows start-up.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache

from coopdesk.base.quoting import shown as quoted

__all__ = ["Money"]

_CURRENCY = re.compile(r"[A-Z]{3}", re.ASCII)
_MAX_DIGITS = 30  # far past any amount (the limits are in coopdesk.records.limits), far below int()'s own

# Spaces people (and other programs) use between digit groups: plain, no-break, narrow no-break, thin.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SIGN = re.compile(r"[-\u2212]\s*")
_CODE_FIRST = re.compile(r"([A-Za-z]{3})\s*(.*)", re.ASCII)
_CODE_LAST = re.compile(r"(.*?)\s*([A-Za-z]{3})", re.ASCII)
# Whole part either ungrouped or grouped in threes by commas or by spaces (not both); "." for decimals.
_NUMBER = re.compile(r"(\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)?(?:\.(\d+))?", re.ASCII)


@cache
def _decimals(currency: str) -> int:
    """Number of minor-unit decimals for a currency (2 for USD, 0 for JPY), from Babel's CLDR data."""
    from babel.numbers import get_currency_precision

    return get_currency_precision(currency)


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: ``minor`` units (cents, yen...) of an ISO 4217 ``currency``."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        """Refuse malformed values early; the currency shape is checked without loading Babel."""
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError(f"Money.minor must be a whole number of minor units, not {self.minor!r}")
        if not isinstance(self.currency, str) or _CURRENCY.fullmatch(self.currency) is None:
            raise ValueError(f"{self.currency!r} is not a currency code: use three capital letters, e.g. USD")

    @classmethod
    def parse(cls, text: str, currency: str) -> "Money":
        """Read what a user types ("20,000", "20 000", "1,234.5"), exactly, in the given currency.

        The currency code may also be written before or after the number ("USD 20,000"), so that
        formatted amounts read back. More decimals than the currency has are refused unless they are
        zeros, rather than rounded away.
        """
        from babel.numbers import is_currency

        code = currency.strip().upper()
        if _CURRENCY.fullmatch(code) is None or not is_currency(code):
            raise ValueError(f"'{currency}' is not a currency code")
        shown = quoted(text.strip())
        rest = _SPACES.sub(" ", text.strip())
        negative = False
        if sign := _SIGN.match(rest):
            negative = True
            rest = rest[sign.end() :]
        written_code = None
        if (match := _CODE_FIRST.fullmatch(rest)) or (match := _CODE_LAST.fullmatch(rest)):
            first, second = match.groups()
            written_code, rest = (first, second) if match.re is _CODE_FIRST else (second, first)
            written_code = written_code.upper()
        if not negative and (sign := _SIGN.match(rest)):
            negative = True
            rest = rest[sign.end() :]
        number = _NUMBER.fullmatch(rest)
        if number is None or not (number[1] or number[2]):
            raise ValueError(f"'{shown}' is not an amount")
        if written_code is not None and written_code != code:
            raise ValueError(f"'{shown}' is not an amount in {code}: it is written in {written_code}")
        whole_digits = (number[1] or "0").replace(",", "").replace(" ", "").lstrip("0") or "0"
        if len(whole_digits) > _MAX_DIGITS:
            raise ValueError(f"'{shown}' is too large to be an amount")
        fraction = (number[2] or "").rstrip("0")
        places = _decimals(code)
        if len(fraction) > places:
            if places == 0:
                raise ValueError(f"'{shown}' is not an amount in {code}: {code} has no minor units")
            raise ValueError(f"'{shown}' is not an amount in {code}: {code} has {places} decimal places")
        minor = int(whole_digits) * 10**places + int(fraction.ljust(places, "0") or "0")
        return cls(-minor if negative else minor, code)

    @property
    def major(self) -> Decimal:
        """The amount in main units (dollars, yen), exact: 2000050 USD cents gives Decimal("20000.50")."""
        return Decimal(f"{self.minor}e-{_decimals(self.currency)}")

    def format(self, locale: str = "en_GB") -> str:
        """ISO code, a space and the grouped number ("USD 20,000"), as UN documents state amounts.

        The code rather than a symbol avoids "$" meaning different dollars; decimals show only when
        the amount has a fraction, and then in full ("USD 20,000.50").
        """
        from babel.numbers import format_currency

        value = self.major
        places = _decimals(self.currency)
        pattern = "¤¤ #,##0"
        if self.minor % 10**places:
            pattern += "." + "0" * places
        # Babel quantizes in the current decimal context; widen it so very large amounts stay exact.
        with localcontext() as context:
            context.prec = max(context.prec, len(str(abs(self.minor))) + 10)
            return format_currency(value, self.currency, format=pattern, locale=locale, currency_digits=False)

    def __str__(self) -> str:
        return self.format()
