"""Numbers as a reader reads them, shared by the tables and the charts."""

from __future__ import annotations

import math


def powers_of_ten(value: float) -> str:
    """A very large or small number as a reader reads it: 3.7 x 10^9, 2.7 x 10^-7."""
    exponent = math.floor(math.log10(value))
    return f"{value / 10**exponent:.1f} x 10^{exponent}"
