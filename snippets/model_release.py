"""Releasing a model safely: a champion/challenger gate on the same held-out rows, a
shadow run on copied requests, and a canary with a stop rule.

The champion is the model in service; a challenger replaces it only if it is better on
the same rows by a margin. A shadow model answers copies of live requests, and its
answers are compared and thrown away. A canary serves a small share of real requests,
and a stop rule compares its bad-outcome rate with the control's (the rest of the
traffic, still on the champion). The simulations run these rules many times on seeded
data whose truth is known, to count how often they decide wrongly.

Standard library only: `challenger_wins` and `canary_verdict` are also the reference
solutions of hands-on steps that run in the browser's Python.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

MIN_GAIN = 0.01  # the challenger's error must be at least 1% below the champion's
MIN_REQUESTS = 1000  # a canary is judged only once both groups have this many requests
MAX_RATIO = 1.5  # ... and rolled back when its bad-outcome rate is above 1.5x the control's


# --8<-- [start:gate]
def challenger_wins(
    champion_errors: Sequence[float], challenger_errors: Sequence[float], min_gain: float = MIN_GAIN
) -> bool:
    """True when the challenger should replace the champion: on the same held-out rows
    (one error per row, in the same order for both), its mean error is below the
    champion's and at least `min_gain` (a share) below it. A tie keeps the champion."""
    if len(champion_errors) != len(challenger_errors):
        raise ValueError("the two lists of errors differ in length: not the same held-out rows")
    if not champion_errors:
        raise ValueError("no held-out rows: nothing to compare")
    if not 0 <= min_gain < 1:
        raise ValueError("min_gain is a share in [0, 1)")
    for errors in (champion_errors, challenger_errors):
        if any(map(math.isnan, errors)) or min(errors) < 0:
            raise ValueError("an error is NaN or negative: not a score, but a failure upstream")
    champion, challenger = fmean(champion_errors), fmean(challenger_errors)
    return challenger < champion and challenger <= (1 - min_gain) * champion


# --8<-- [end:gate]


# --8<-- [start:slices]
def slice_errors(errors: Sequence[float], slices: Sequence[str]) -> dict[str, float]:
    """The mean error on each slice (a region, a device type...), slices in sorted order."""
    by_slice: dict[str, list[float]] = defaultdict(list)
    for error, name in zip(errors, slices, strict=True):
        by_slice[name].append(error)
    return {name: fmean(by_slice[name]) for name in sorted(by_slice)}


# --8<-- [end:slices]


def held_out_errors(
    rows: int, model_spread: float, noise: float = 1.0, seed: int = 0
) -> list[float]:
    """Squared errors of a model on `rows` held-out rows. Each row's target holds noise
    that no model can predict (the same rows give the same noise whatever the model: the
    seed picks the rows), plus the model's own error of spread `model_spread`."""
    rows_rng, model_rng = random.Random(seed), random.Random(f"{seed}-{model_spread}")
    return [(rows_rng.gauss(0, noise) + model_rng.gauss(0, model_spread)) ** 2 for _ in range(rows)]


# --8<-- [start:promotions]
@dataclass(frozen=True)
class Promotions:
    rows: int  # held-out rows both models are scored on
    true_gain: float  # how much lower the challenger's expected error really is (a share)
    by_margin: dict[float, float]  # min_gain -> share of trials in which it was promoted


def promotion_rates(
    rows: int, true_gains: Sequence[float], margins: Sequence[float], trials: int, seed: int = 0
) -> list[Promotions]:
    """How often `challenger_wins` promotes a challenger whose expected squared error is
    each of `true_gains` below the champion's, each trial on `rows` fresh held-out rows.

    The model of the errors: a row's error is the target's own noise (variance 1), plus
    an error both models make on that row (variance 0.2: a retrained model errs where its
    predecessor did), plus an error of each model's own (variance 0.05 for the champion).
    So the champion's expected squared error is 1.25, and the challenger's own part is
    what the true gain lowers."""
    shared, own = math.sqrt(1 + 0.2), math.sqrt(0.05)
    if not all(0 <= gain <= 0.05 / 1.25 for gain in true_gains):
        raise ValueError("a true gain beyond 4% would need the challenger's own error below 0")
    spreads = [math.sqrt((1 - gain) * 1.25 - 1.2) for gain in true_gains]
    rng = random.Random(seed)
    promoted = {(gain, m): 0 for gain in true_gains for m in margins}
    for _ in range(trials):
        row_errors = [rng.gauss(0, shared) for _ in range(rows)]  # the same rows for both
        champion = [(e + rng.gauss(0, own)) ** 2 for e in row_errors]
        its_own = [rng.gauss(0, 1) for _ in range(rows)]  # the challenger's own error
        for gain, spread in zip(true_gains, spreads, strict=True):
            challenger = [(e + spread * z) ** 2 for e, z in zip(row_errors, its_own, strict=True)]
            for margin in margins:
                promoted[gain, margin] += challenger_wins(champion, challenger, margin)
    return [
        Promotions(rows, gain, {m: promoted[gain, m] / trials for m in margins})
        for gain in true_gains
    ]


# --8<-- [end:promotions]


# --8<-- [start:shadow]
@dataclass(frozen=True)
class ShadowReport:
    requests: int  # live requests copied to the shadow
    failures: int  # requests the shadow raised an error on
    disagreements: int  # answers further apart than the tolerance


def shadow_run(
    requests: Iterable[Any],
    live: Callable[[Any], float],
    shadow: Callable[[Any], float],
    tolerance: float,
) -> tuple[list[float], ShadowReport]:
    """Answer every request with the live model; give the shadow model a copy of each,
    compare, and keep its answers and its failures away from the users."""
    answers, failures, disagreements = [], 0, 0
    for request in requests:
        answer = live(request)
        answers.append(answer)  # what the user gets, whatever the shadow does
        try:
            shadow_answer = shadow(request)
        except Exception:  # a shadow's crash is a finding, never an outage
            failures += 1
            continue
        disagreements += abs(shadow_answer - answer) > tolerance
    return answers, ShadowReport(len(answers), failures, disagreements)


# --8<-- [end:shadow]


# --8<-- [start:canary]
def canary_verdict(
    canary_bad: int,
    canary_total: int,
    control_bad: int,
    control_total: int,
    min_requests: int = MIN_REQUESTS,
    max_ratio: float = MAX_RATIO,
) -> str:
    """The stop rule of a canary: "wait" until both groups have `min_requests`
    requests, then "rollback" if the canary's bad-outcome rate is more than `max_ratio`
    times the control's, else "proceed" to the next stage of the rollout."""
    for count in (canary_bad, canary_total, control_bad, control_total):
        if count < 0:
            raise ValueError(f"a count of {count}: counts are never negative")
    if canary_bad > canary_total or control_bad > control_total:
        raise ValueError("more bad outcomes than requests: the counts are mixed up")
    if max_ratio < 1:
        raise ValueError("max_ratio below 1 would roll back a canary as good as the control")
    if canary_total < min_requests or control_total < min_requests:
        return "wait"
    # canary_bad / canary_total > max_ratio * control_bad / control_total, multiplied
    # out: no division, so a control with no bad outcomes is a rate of 0, not an error.
    if canary_bad * control_total > max_ratio * control_bad * canary_total:
        return "rollback"
    return "proceed"


# --8<-- [end:canary]


def _bad_positions(requests: int, rate: float, rng: random.Random) -> list[int]:
    """The positions (1-based) of the bad outcomes among `requests` requests that each go
    bad with probability `rate`, drawn gap by gap (geometric gaps) rather than one draw
    per request."""
    positions: list[int] = []
    position = 0
    while True:
        position += int(math.log(1 - rng.random()) / math.log(1 - rate)) + 1
        if position > requests:
            return positions
        positions.append(position)


# --8<-- [start:rollouts]
@dataclass(frozen=True)
class Rollouts:
    canary_rate: float  # the canary's true bad-outcome rate
    check_every: int  # canary requests between two evaluations of the stop rule
    min_requests: int  # requests each group needs before the rule judges
    rolled_back: float  # share of trials the stop rule rolled back
    median_requests: int | None  # canary requests seen when it did, the median trial


def canary_rollouts(
    canary_rate: float,
    check_every: int,
    control_rate: float = 0.01,
    canary_share: float = 0.05,
    duration: int = 5000,
    min_requests: int = MIN_REQUESTS,
    trials: int = 400,
    seed: int = 0,
) -> Rollouts:
    """Run a canary of `duration` canary requests (the control gets the rest of the
    traffic) `trials` times, evaluating `canary_verdict` every `check_every` canary
    requests, and count the trials it rolled back."""
    rng = random.Random(seed)
    control_per_canary = (1 - canary_share) / canary_share
    stops = []
    for _ in range(trials):
        canary = _bad_positions(duration, canary_rate, rng)
        control = _bad_positions(round(duration * control_per_canary), control_rate, rng)
        for seen in range(check_every, duration + 1, check_every):
            control_seen = round(seen * control_per_canary)
            verdict = canary_verdict(
                bisect_right(canary, seen),
                seen,
                bisect_right(control, control_seen),
                control_seen,
                min_requests,
            )
            if verdict == "rollback":
                stops.append(seen)
                break
    median = sorted(stops)[len(stops) // 2] if stops else None
    return Rollouts(canary_rate, check_every, min_requests, len(stops) / trials, median)


# --8<-- [end:rollouts]


# --8<-- [start:sprt]
def sprt_verdict(
    bad: int, total: int, good_rate: float, bad_rate: float, alpha: float = 0.05, beta: float = 0.1
) -> str:
    """Wald's sequential test on a canary's outcomes, checked after every request:
    is its bad-outcome rate `good_rate` (the control's) or `bad_rate` (worth a stop)?
    The chance of rolling back a good canary stays near `alpha`, of passing a bad
    one near `beta`, however often it is checked."""
    if bad < 0 or total < 0 or bad > total:
        raise ValueError(f"{bad} bad of {total} requests: counts are mixed up")
    if not 0 < good_rate < bad_rate < 1:
        raise ValueError("the rates must satisfy 0 < good_rate < bad_rate < 1")
    if not (0 < alpha < 1 and 0 < beta < 1 and alpha + beta < 1):
        raise ValueError("alpha and beta are error rates in (0, 1), with a sum below 1")
    # each bad outcome adds evidence for bad_rate, each good one takes a little away
    evidence = bad * math.log(bad_rate / good_rate) + (total - bad) * math.log(
        (1 - bad_rate) / (1 - good_rate)
    )
    if evidence >= math.log((1 - beta) / alpha):
        return "rollback"
    if evidence <= math.log(beta / (1 - alpha)):
        return "proceed"
    return "continue"


# --8<-- [end:sprt]
