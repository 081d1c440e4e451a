"""Check a hands-on step's code: `python3 -m hands_on.check STEP FILE`.

Prints one line per rule (`ok` or `FAIL`, with the input, what the function did, what
was expected and why) and exits with 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hands_on import (
    asof,
    backtest,
    canary,
    challenger,
    drift,
    evals,
    gate,
    matrix,
    registry,
    slo,
    sprt,
    validate,
)
from hands_on.runner import run

STEPS = {
    step.name: step
    for step in (
        gate.STEP,
        matrix.STEP,
        validate.STEP,
        drift.STEP,
        challenger.STEP,
        registry.STEP,
        canary.STEP,
        backtest.STEP,
        asof.STEP,
        slo.STEP,
        evals.STEP,
        sprt.STEP,
    )
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m hands_on.check",
        description="Check the code you wrote for a step of the hands-on project.",
    )
    parser.add_argument(
        "step",
        choices=sorted(STEPS),
        help="; ".join(f"{s.name}: {s.title}, {s.function} in {s.file}" for s in STEPS.values()),
    )
    parser.add_argument("file", type=Path, help="the Python file with your function")
    arguments = parser.parse_args(argv)
    passed, lines = run(STEPS[arguments.step], arguments.file)
    print("\n".join(lines))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
