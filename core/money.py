"""Money: CNY as ``Decimal`` with two places, the one place its rules are written.

Amounts are never floats. Storage keeps integer fen (:class:`core.db.base.Money`); the API
and hooks carry ``Decimal``; a computed amount (a discount, a pro-rata share) is rounded
half-up to the fen, as the bank's tariffs are; a person reads ``¥1,234.50``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
"""One fen, the smallest amount."""


def round_fen(amount: Decimal) -> Decimal:
    """``amount`` rounded half-up to the fen: ``Decimal("2.345")`` → ``Decimal("2.35")``."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def to_fen(amount: Decimal | int) -> int:
    """Whole fen for storage; refuses an amount with more than two decimal places."""
    fen = Decimal(amount) * 100
    if fen != fen.to_integral_value():
        raise ValueError(f"{amount} has more than two decimal places")
    return int(fen)


def from_fen(fen: int) -> Decimal:
    """The amount ``fen`` fen stand for, with two places."""
    return Decimal(fen).scaleb(-2)


def yuan(amount: Decimal | None, *, dash: str = "—") -> str:
    """``¥1,234.50`` for a person to read (thousands separators, two decimals); None → ``dash``."""
    return dash if amount is None else f"¥{amount:,.2f}"
