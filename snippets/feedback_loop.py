"""A direct feedback loop, simulated: a lender's model learns only from the loans it
approved, because only an approved loan is ever repaid or not.

Applicants fall into ten segments, each with a true default rate. The model estimates
each segment's rate from the labels it saw in the last round, and approves the segments
whose estimate is under a cutoff. After a few rounds the world changes: some declined
segments become safe. A model that explores (approves a small random share of the
applicants it would decline) sees the change; one that does not never does, and the
default rate its team measures on approved loans stays the same throughout.

Standard library only, seeded: the same numbers on every machine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# --8<-- [start:world]
CUTOFF = 0.2  # approve a segment whose estimated default rate is below this
BEFORE = (0.03, 0.05, 0.08, 0.12, 0.30, 0.36, 0.42, 0.48, 0.54, 0.60)  # per segment
AFTER = (0.03, 0.05, 0.08, 0.12, 0.06, 0.07, 0.09, 0.48, 0.54, 0.60)  # segments 4-6 safe


def true_rates(round_: int, shift_at: int) -> tuple[float, ...]:
    """Each segment's true default rate in a round: the world changes at `shift_at`."""
    return AFTER if round_ >= shift_at else BEFORE


# --8<-- [end:world]


@dataclass(frozen=True)
class Round:
    round: int
    approved: float  # share of applicants approved by the model
    measured_default: float  # default rate among the approved loans: what the team sees
    good_declined: float  # share of all applicants declined who would have repaid


# --8<-- [start:simulate]
def simulate(
    rounds: int = 8,
    per_segment: int = 500,
    explore: float = 0.0,
    shift_at: int = 3,
    seed: int = 0,
) -> list[Round]:
    """Run the lender for `rounds` rounds. Round 0 is a pilot that approves everyone, so
    the first model has a label for every segment. `explore` is the share of the
    applicants the model declines that are approved anyway, to keep learning."""
    rng = random.Random(seed)
    estimate = [0.0] * len(BEFORE)
    history = []
    for round_ in range(rounds):
        rates = true_rates(round_, shift_at)
        pilot = round_ == 0
        approved = defaults = good_declined = 0
        seen = [[0, 0] for _ in rates]  # per segment: labelled loans, defaults among them
        for segment, rate in enumerate(rates):
            model_approves = pilot or estimate[segment] < CUTOFF
            for _ in range(per_segment):
                defaults_if_lent = rng.random() < rate
                explored = not model_approves and rng.random() < explore
                if model_approves:
                    approved += 1
                    defaults += defaults_if_lent
                elif not explored and not defaults_if_lent:
                    good_declined += 1  # known only to the simulation
                if model_approves or explored:  # a label exists only for a loan made
                    seen[segment][0] += 1
                    seen[segment][1] += defaults_if_lent
        for segment, (loans, bad) in enumerate(seen):
            if loans:  # a segment with no loans keeps its old estimate: nothing to learn from
                estimate[segment] = bad / loans
        total = per_segment * len(rates)
        history.append(Round(round_, approved / total, defaults / approved, good_declined / total))
    return history


# --8<-- [end:simulate]
