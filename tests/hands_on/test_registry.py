"""Step 11, a model registry with rollback: the mistakes a learner makes, and what the
checker says."""

from __future__ import annotations

from hands_on import registry
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/model_registry.py"

PARTS = {
    "state": "",
    "init": "self.models, self.history = {}, {}",
    "register": "self.models[len(self.models) + 1] = model\n        return len(self.models)",
    "known": "if version not in self.models:\n            raise ValueError('no such version')",
    "alias": "alias",
    "promote": "if not history or history[-1] != version:\n            history.append(version)",
    "serving": "history[-1] if history else None",
    "rollback": (
        "if len(history) < 2:\n            raise ValueError('nothing earlier')\n"
        "        history.pop()\n        return history[-1]"
    ),
}

TEMPLATE = """\
class ModelRegistry:
    {state}
    def __init__(self):
        {init}

    def register(self, model):
        {register}

    def promote(self, version, alias='champion'):
        {known}
        history = self.history.setdefault({alias}, [])
        {promote}

    def rollback(self, alias='champion'):
        history = self.history.setdefault({alias}, [])
        {rollback}

    def serving(self, alias='champion'):
        history = self.history.get({alias}, [])
        return {serving}
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


ROLLBACK_CHECKS = {
    "a rollback returns to the version that served before",
    "after a rollback, the earlier version serves",
    "two rollbacks go back two promotions",
    "promoting the version already serving adds nothing to roll back",
    "each alias has its own history",
}

MISTAKES = {
    "the version before is the number minus 1": (
        solution(
            rollback="if len(history) < 2:\n            raise ValueError('nothing earlier')\n"
            "        history.append(history[-1] - 1)\n        return history[-1]"
        ),
        {
            "a rollback returns to the version that served before",
            "after a rollback, the earlier version serves",
            "each alias has its own history",
        },
    ),
    "a rollback that only answers": (
        solution(
            rollback="if len(history) < 2:\n            raise ValueError('nothing earlier')\n"
            "        return history[-2]"
        ),
        {"after a rollback, the earlier version serves", "two rollbacks go back two promotions"},
    ),
    "every promotion is a step": (
        solution(promote="history.append(version)"),
        {"promoting the version already serving adds nothing to roll back"},
    ),
    "promotes what was never registered": (
        solution(known="pass"),
        {"a version that was never registered cannot be promoted"},
    ),
    "nothing earlier: stays put": (
        solution(
            rollback="if len(history) < 2:\n            return history[-1] if history else None\n"
            "        history.pop()\n        return history[-1]"
        ),
        {
            "a rollback with nothing earlier is refused",
            "a rollback before any promotion is refused",
        },
    ),
    "one history for every alias": (
        solution(alias="'champion'"),
        {"each alias has its own history", "another alias does not serve the champion's version"},
    ),
    "forgets the old version on rollback": (
        solution(
            rollback="if len(history) < 2:\n            raise ValueError('nothing earlier')\n"
            "        self.models.pop(history.pop())\n        return history[-1]"
        ),
        {
            "a rolled-back version stays registered and can serve again",
            "a new model after a rollback gets a new number",
        },
    ),
    "numbers from 0": (
        solution(
            register="self.models[len(self.models)] = model\n        return len(self.models) - 1"
        ),
        # Version 3 does not exist, so every script that promotes it stops early.
        {
            "versions are numbered 1, 2, 3 in the order registered",
            "a rollback returns to the version that served before",
            "after a rollback, the earlier version serves",
            "two rollbacks go back two promotions",
            "a new model after a rollback gets a new number",
            "each alias has its own history",
            "a new registry starts empty",
        },
    ),
    "serves the model, not its version": (
        solution(serving="self.models[history[-1]] if history else None"),
        {
            "a promoted version serves",
            "after a rollback, the earlier version serves",
            "a rolled-back version stays registered and can serve again",
        },
    ),
    "something serves from the start": (
        solution(serving="history[-1]"),
        {
            "nothing serves before the first promotion",
            "another alias does not serve the champion's version",
            "a new registry starts empty",
        },
    ),
    # The registry's state written in the class body is shared by every registry, so
    # each check finds the models and promotions of the checks run before it: which
    # checks fail depends on their order, and these are the ones that do in this order.
    "state on the class": (
        solution(state="models, history = {}, {}\n", init="pass"),
        {
            "a rollback with nothing earlier is refused",
            "a version that was never registered cannot be promoted",
            "a new model after a rollback gets a new number",
            "another alias does not serve the champion's version",
            "a new registry starts empty",
        },
    ),
}


def test_a_wrong_rollback_is_shown_its_script(tmp_path):
    code, _ = MISTAKES["the version before is the number minus 1"]
    _, lines = run(registry.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a rollback returns to the version that served before")
    assert lines[at + 1] == (
        "      r = ModelRegistry(); r.register('model-a'); r.register('model-b'); "
        "r.register('model-c'); r.promote(1); r.promote(3); r.rollback() returned 2"
    )
    assert lines[at + 2].startswith("      expected 1: version 1 served before version 3.")


def test_shared_state_is_named_when_the_numbers_go_on(tmp_path):
    code, _ = MISTAKES["state on the class"]
    _, lines = run(registry.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a new registry starts empty")
    assert "state kept on the class" in lines[at + 2]
    code, _ = MISTAKES["numbers from 0"]
    _, lines = run(registry.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a new registry starts empty")
    assert lines[at + 2] == (
        "      expected 1 and None: the first model of a new registry is version 1, and "
        "nothing serves yet"
    )


def test_a_starter_class_is_still_the_starter(tmp_path):
    code = (
        "class ModelRegistry:\n"
        "    def __init__(self):\n"
        "        raise NotImplementedError('write the registry here')\n"
    )
    passed, lines = run(registry.STEP, saved(tmp_path, code))
    assert not passed
    assert lines[0].startswith("ModelRegistry in ") and "is still the starter" in lines[0]


def test_a_method_not_written_yet_fails_its_checks_and_says_so(tmp_path):
    code = solution(rollback="raise NotImplementedError('rollback comes next')")
    passed, lines = run(registry.STEP, saved(tmp_path, code))
    assert not passed
    at = lines.index("FAIL  a rollback returns to the version that served before")
    assert lines[at + 1].endswith(
        "raised NotImplementedError (rollback comes next): this part is not written yet"
    )
    assert "ok    a promoted version serves" in lines
