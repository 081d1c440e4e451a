"""An eval harness for an LLM feature: a fixed set of cases, each with the answer a
correct system gives, run against two versions of a prompt, and a gate that decides
whether the new version ships.

No network and no model: each "prompt version" here is a plain function standing in for
a prompt template sent to a hosted model, so the harness and the gate can be run and
tested as they are. Standard library only: `prompt_gate` is also the reference solution
of a hands-on step that runs in the browser's Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

MIN_PASS_RATE = 0.8  # the share of cases a version must get right to ship at all
MAX_REGRESSIONS = 0  # cases the version in service got right and the new one gets wrong


# --8<-- [start:harness]
@dataclass(frozen=True)
class Case:
    """One eval case: a customer message and the team it must be routed to."""

    message: str
    expected: str


def run_eval(version: Callable[[str], str], cases: Sequence[Case]) -> list[bool]:
    """Whether `version` answers each case correctly, in the cases' order."""
    return [version(case.message) == case.expected for case in cases]


# --8<-- [end:harness]


# --8<-- [start:gate]
def prompt_gate(
    champion: Sequence[bool],
    challenger: Sequence[bool],
    min_pass_rate: float = MIN_PASS_RATE,
    max_regressions: int = MAX_REGRESSIONS,
) -> bool:
    """True when the challenger (the new prompt version) may replace the champion (the
    version in service). Both lists hold one pass/fail per case of the same eval set, in
    the same order. The challenger ships only if its pass rate is at least
    `min_pass_rate`, at least the champion's, and it fails at most `max_regressions`
    cases that the champion passed."""
    if len(champion) != len(challenger):
        raise ValueError("the two result lists differ in length: not the same eval set")
    if not champion:
        raise ValueError("no eval cases: nothing to judge")
    passed_by_champion = sum(champion)
    passed_by_challenger = sum(challenger)
    regressions = sum(old and not new for old, new in zip(champion, challenger, strict=True))
    return (
        passed_by_challenger >= min_pass_rate * len(challenger)
        and passed_by_challenger >= passed_by_champion
        and regressions <= max_regressions
    )


# --8<-- [end:gate]


# --8<-- [start:versions]
CASES = (
    Case("Where is my parcel? It has not arrived.", "delivery"),
    Case("The courier left my order at the wrong address.", "delivery"),
    Case("Tracking has said 'in transit' for ten days.", "delivery"),
    Case("I want my money back for the broken kettle.", "refund"),
    Case("Please refund the second charge on my card.", "refund"),
    Case("The kettle arrived broken, can I return it?", "refund"),
    Case("I cannot log in since I changed my email.", "account"),
    Case("How do I delete my account?", "account"),
    Case("Reset my password, the link has expired.", "account"),
    Case("My refund has not arrived yet, where is it?", "refund"),
    Case("Where is the parcel I ordered on my account?", "delivery"),
    Case("The parcel was returned to the sender.", "delivery"),
    Case("Tracking shows my order returned to the depot.", "delivery"),
)


def prompt_v1(message: str) -> str:
    """Version 1 of the routing prompt, as the model answers it."""
    text = message.lower()
    if any(word in text for word in ("refund", "money back", "return")):
        return "refund"
    if any(word in text for word in ("log in", "account", "password")):
        return "account"
    return "delivery"


def prompt_v2(message: str) -> str:
    """Version 2 adds delivery cues ('where is', 'arrived', 'tracking', 'sender'),
    checked before the others."""
    text = message.lower()
    if any(word in text for word in ("where is", "arrived", "tracking", "sender")):
        return "delivery"
    return prompt_v1(message)


def prompt_v3(message: str) -> str:
    """Version 3 keeps version 2's cues but checks 'refund' and 'broken' first."""
    text = message.lower()
    if any(word in text for word in ("refund", "broken")):
        return "refund"
    return prompt_v2(message)


# --8<-- [end:versions]
