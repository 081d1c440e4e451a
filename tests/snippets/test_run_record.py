"""A run record names its inputs, fingerprints them and says which changed."""

from __future__ import annotations

import platform
from dataclasses import replace

from snippets.run_record import RunRecord, changed_inputs, environment

RUN = RunRecord(
    code_version="4d1e0c2",
    data_version="9f00aa12bc34",
    params={"gap": 7, "horizon": 7},
    seed=0,
    environment={"python": "3.11.2"},
    metrics={"mae": 6.63},
)


def test_the_inputs_are_every_field_but_the_metrics_flattened_by_name():
    assert RUN.inputs() == {
        "code_version": "4d1e0c2",
        "data_version": "9f00aa12bc34",
        "params.gap": 7,
        "params.horizon": 7,
        "seed": 0,
        "environment.python": "3.11.2",
    }


def test_the_fingerprint_follows_the_inputs_and_not_the_metrics():
    assert replace(RUN, metrics={"mae": 1.0}).fingerprint() == RUN.fingerprint()
    assert replace(RUN, params={"horizon": 7, "gap": 7}).fingerprint() == RUN.fingerprint()
    for changed in (
        replace(RUN, seed=1),
        replace(RUN, params={"gap": 0, "horizon": 7}),
        replace(RUN, environment={"python": "3.12.1"}),
        replace(RUN, code_version="4d1e0c2+edits"),
    ):
        assert changed.fingerprint() != RUN.fingerprint()


def test_the_changed_inputs_are_named():
    after = replace(RUN, data_version="0000", params={"gap": 0, "horizon": 7, "window": 90})
    assert changed_inputs(RUN, after) == ["data_version", "params.gap", "params.window"]
    assert changed_inputs(RUN, replace(RUN, metrics={"mae": 9.9})) == []


def test_the_environment_names_python_the_platform_and_each_package_asked_for():
    found = environment(("scikit-learn",))
    assert found["python"] == platform.python_version()
    assert found["platform"]
    assert found["scikit-learn"].count(".") >= 1
    assert set(environment()) == {"python", "platform"}


def test_artefacts_are_outputs_like_the_metrics():
    with_file = replace(RUN, artefacts={"model.pkl": "sha256:00"})
    assert with_file.fingerprint() == RUN.fingerprint()
    assert changed_inputs(RUN, with_file) == []
