"""Step 8, validate a batch: the mistakes a learner makes, and what the checker says."""

from __future__ import annotations

from hands_on import validate
from hands_on.runner import run
from tests.hands_on.steps import saved

REFERENCE = "snippets/data_validation.py"

# A learner's solution, each part one line that a mistake replaces.
PARTS = {
    "missing": "value is None or (isinstance(value, float) and math.isnan(value))",
    "share": "rows and (rows - len(present)) / rows > rule.get('max_missing', 0.0)",
    "typed": "all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)",
    "inside": "rule.get('min', -math.inf) <= v <= rule.get('max', math.inf)",
    "unexpected": "problems += [(n, 'unexpected column') for n in batch if n not in columns]",
    "out_of_range": "problems.append((name, 'out of range'))",
    "rows": "rows < schema['min_rows']",
    "present": "present = [v for v in batch[name] if not is_missing(v)]",
}

TEMPLATE = """\
import math

def is_missing(value):
    return {missing}

def validate_batch(batch, schema):
    rows = len(next(iter(batch.values()))) if batch else 0
    problems = [(None, 'too few rows')] if {rows} else []
    columns = schema['columns']
    {unexpected}
    for name, rule in columns.items():
        if name not in batch:
            problems.append((name, 'missing column'))
            continue
        {present}
        if {share}:
            problems.append((name, 'too many missing values'))
        if rule['kind'] == 'number':
            if not {typed}:
                problems.append((name, 'wrong type'))
            elif not all({inside} for v in present):
                {out_of_range}
        elif not all(v in rule['values'] for v in present):
            problems.append((name, 'unknown category'))
    return problems
"""


def solution(**mistake: str) -> str:
    return TEMPLATE.format(**{**PARTS, **mistake})


RULES = {check.rule for check in validate.STEP.checks}
# The checks whose batch has a country column with no missing value and at least a row.
COMPLETE_COUNTRY = {
    "a batch that fits the schema has no problems",
    "too few rows are reported for the whole batch",
    "a column the schema does not know is reported",
    "None and NaN both count as missing, and NaN is not out of range",
    "exactly the allowed share of missing values passes",
    "the range includes its ends",
    "a value outside the range is reported",
    "infinity is out of range",
    "a number written as text is the wrong type, not a crash",
    "True and False are the wrong type in a number column",
    "an unseen category is reported",
}

MISTAKES = {
    "only None is missing": (
        solution(missing="value is None"),
        {"None and NaN both count as missing, and NaN is not out of range"},
    ),
    "divides by the rows of an empty batch": (
        solution(share="(rows - len(present)) / rows > rule.get('max_missing', 0.0)"),
        {"an empty batch has too few rows, and nothing else"},
    ),
    "the allowed share itself fails": (
        solution(share="rows and (rows - len(present)) / rows >= rule.get('max_missing', 0.0)"),
        # country allows no missing value, so it now fails with none missing.
        COMPLETE_COUNTRY,
    ),
    "the range leaves out its ends": (
        solution(inside="rule.get('min', -math.inf) < v < rule.get('max', math.inf)"),
        {"the range includes its ends"},
    ),
    "compares before checking the type": (
        solution(typed="True"),
        {
            "a number written as text is the wrong type, not a crash",
            "True and False are the wrong type in a number column",
        },
    ),
    # bool is a subclass of int, so True passes as the number 1.
    "counts True and False as numbers": (
        solution(typed="all(isinstance(v, (int, float)) for v in present)"),
        {"True and False are the wrong type in a number column"},
    ),
    "knows only the schema's columns": (
        solution(unexpected="pass"),
        {
            "a column the schema does not know is reported",
            "every problem of a batch is reported",
        },
    ),
    "one problem per row": (
        solution(
            out_of_range="problems += [(name, 'out of range') for v in present "
            "if not rule['min'] <= v <= rule['max']]"
        ),
        {"each problem is reported once, however many rows show it"},
    ),
    "too few rows at the minimum": (
        solution(rows="rows <= schema['min_rows']"),
        RULES
        - {
            "too few rows are reported for the whole batch",
            "an empty batch has too few rows, and nothing else",
            "each problem is reported once, however many rows show it",
            "the batch and the schema are left as they were",
            "every problem of a batch is reported",
        },
    ),
    "drops the missing values from the caller's batch": (
        solution(present="present = batch[name] = [v for v in batch[name] if not is_missing(v)]"),
        {"the batch and the schema are left as they were"},
    ),
}


def test_a_wrong_answer_names_what_is_missing_and_what_is_not_expected(tmp_path):
    code, _ = MISTAKES["only None is missing"]
    _, lines = run(validate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  None and NaN both count as missing, and NaN is not out of range")
    assert lines[at + 1] == (
        "      validate_batch({'age': [30, None, nan, 52], 'country': ['DE', 'DE', 'DE', "
        "'DE']}, SCHEMA) returned [('age', 'out of range')]"
    )
    assert lines[at + 2].startswith("      expected [('age', 'too many missing values')]: 2 of 4")
    assert lines[at + 3 : at + 5] == [
        "      not expected: ('age', 'out of range')",
        "      missing: ('age', 'too many missing values')",
    ]


def test_a_crash_on_text_is_reported_as_what_the_function_raised(tmp_path):
    code, _ = MISTAKES["compares before checking the type"]
    _, lines = run(validate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  a number written as text is the wrong type, not a crash")
    assert lines[at + 1].endswith(
        "raised TypeError: '<=' not supported between instances of 'int' and 'str'"
    )


def test_a_list_of_strings_is_told_what_to_return(tmp_path):
    code = solution().replace("return problems", "return [f'{c}: {p}' for c, p in problems]")
    _, lines = run(validate.STEP, saved(tmp_path, code))
    at = lines.index("FAIL  infinity is out of range")
    assert lines[at + 2] == "      expected a list of (column, problem) pairs"
