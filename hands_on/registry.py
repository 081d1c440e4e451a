"""Step 11: a model registry with one-step rollback. The checks follow the starter's
rules: `register(model)` returns the next version number (1 first); `promote(version,
alias="champion")` points the alias at a registered version, and promoting the version
it already points at changes nothing; `rollback(alias="champion")` points the alias back
at the version it pointed at before and returns that version; `serving(alias=
"champion")` is the version the alias points at, or None; an unknown version, or a
rollback with no earlier version, raises ValueError.

Each check runs a short script on a new registry and prints the script when it fails.
Standard library only: these checks also run in the browser's Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hands_on.runner import Check, Step, call

CLASS = "ModelRegistry"
Action = tuple[Any, ...]  # (method, *arguments), run in order on one registry


def written(method: str, args: tuple[Any, ...]) -> str:
    return f"r.{method}({', '.join(map(repr, args))})"


def script(actions: list[Action], expected: Any, why: str):
    """A check that runs `actions` on a new registry and expects the last one to return
    `expected` (or raise it, if `expected` is an exception class)."""

    def problem(registry_class: Callable[..., Any]) -> str | None:
        made = call(registry_class)
        if made.error is not None:
            return f"r = {CLASS}() {made}\nexpected a new, empty registry"
        registry, done = made.value, [f"r = {CLASS}()"]
        for number, (method, *args) in enumerate(actions, start=1):
            outcome = call(lambda m=method, a=args: getattr(registry, m)(*a))
            done.append(written(method, tuple(args)))
            last = number == len(actions)
            if not last and outcome.error is not None:
                return (
                    f"{'; '.join(done)} {outcome}\nexpected no error there: the steps "
                    f"before the last are allowed ({why})"
                )
        steps = "; ".join(done)
        if isinstance(expected, type):
            if isinstance(outcome.error, expected):
                return None
            return f"{steps} {outcome}\nexpected it to raise {expected.__name__}: {why}"
        if outcome.error is None and outcome.value == expected:
            return None
        return f"{steps} {outcome}\nexpected {expected!r}: {why}"

    return problem


def registries_are_separate(registry_class: Callable[..., Any]) -> str | None:
    first, second = call(registry_class), call(registry_class)
    for made in (first, second):
        if made.error is not None:
            return f"{CLASS}() {made}\nexpected a new, empty registry"
    call(lambda: first.value.register("model-a"))
    call(lambda: first.value.promote(1))
    outcome = call(lambda: second.value.register("model-b"))
    serving = call(lambda: second.value.serving())
    fresh = outcome.error is None and outcome.value == 1
    if fresh and serving.error is None and serving.value is None:
        return None
    why = "the first model of a new registry is version 1, and nothing serves yet"
    if outcome.error is None and isinstance(outcome.value, int) and outcome.value > 1:
        why += (
            ". The numbers went on from the other registry: state kept on the class (a "
            "dict written in the class body) is shared by every registry"
        )
    return (
        f"a = {CLASS}(); a.register('model-a'); a.promote(1); b = {CLASS}(); "
        f"b.register('model-b') {outcome}, then b.serving() {serving}\n"
        f"expected 1 and None: {why}"
    )


THREE = [("register", "model-a"), ("register", "model-b"), ("register", "model-c")]

STEP = Step(
    name="registry",
    title="step 11, a model registry with rollback",
    function=CLASS,
    file="my_registry.py",
    checks=(
        Check(
            "versions are numbered 1, 2, 3 in the order registered",
            script(THREE, 3, "the third model registered is version 3"),
        ),
        Check(
            "nothing serves before the first promotion",
            script([*THREE, ("serving",)], None, "no version has been promoted"),
        ),
        Check(
            "a promoted version serves",
            script([*THREE, ("promote", 2), ("serving",)], 2, "the alias points at version 2"),
        ),
        Check(
            "a rollback returns to the version that served before",
            script(
                [*THREE, ("promote", 1), ("promote", 3), ("rollback",)],
                1,
                "version 1 served before version 3. Version 2 never served: the version "
                "before is not the version number minus 1",
            ),
        ),
        Check(
            "after a rollback, the earlier version serves",
            script(
                [*THREE, ("promote", 1), ("promote", 3), ("rollback",), ("serving",)],
                1,
                "rolling back moves the alias, it does not only return a number",
            ),
        ),
        Check(
            "two rollbacks go back two promotions",
            script(
                [
                    *THREE,
                    ("promote", 1),
                    ("promote", 2),
                    ("promote", 3),
                    ("rollback",),
                    ("rollback",),
                ],
                1,
                "3 served after 2, and 2 after 1",
            ),
        ),
        Check(
            "a rollback with nothing earlier is refused",
            script(
                [*THREE, ("promote", 1), ("rollback",)],
                ValueError,
                "version 1 is the first to serve: there is nothing to roll back to",
            ),
        ),
        Check(
            "a rollback before any promotion is refused",
            script([*THREE, ("rollback",)], ValueError, "nothing serves yet"),
        ),
        Check(
            "promoting the version already serving adds nothing to roll back",
            script(
                [*THREE, ("promote", 1), ("promote", 2), ("promote", 2), ("rollback",)],
                1,
                "the second promotion of version 2 changed nothing, so one rollback "
                "returns to version 1",
            ),
        ),
        Check(
            "a version that was never registered cannot be promoted",
            script(
                [*THREE, ("promote", 4)],
                ValueError,
                "there are versions 1 to 3: serving a model the registry does not hold "
                "would deploy something nobody can trace",
            ),
        ),
        Check(
            "a rolled-back version stays registered and can serve again",
            script(
                [
                    *THREE,
                    ("promote", 1),
                    ("promote", 2),
                    ("rollback",),
                    ("promote", 2),
                    ("serving",),
                ],
                2,
                "versions are never deleted by a rollback: once its bug is understood, "
                "version 2 may go live again",
            ),
        ),
        Check(
            "a new model after a rollback gets a new number",
            script(
                [*THREE, ("promote", 2), ("promote", 3), ("rollback",), ("register", "d")],
                4,
                "version numbers are never reused, so a number always names one model",
            ),
        ),
        Check(
            "each alias has its own history",
            script(
                [
                    *THREE,
                    ("promote", 1),
                    ("promote", 3),
                    ("promote", 2, "challenger"),
                    ("rollback",),
                ],
                1,
                "pointing 'challenger' at version 2 does not change what 'champion' rolls back to",
            ),
        ),
        Check(
            "another alias does not serve the champion's version",
            script(
                [*THREE, ("promote", 1), ("serving", "challenger")],
                None,
                "only 'champion' was promoted",
            ),
        ),
        Check("a new registry starts empty", registries_are_separate),
    ),
)
