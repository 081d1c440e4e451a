"""The hands-on project's coding steps, and the checker of a learner's code.

docs/hands-on.md gives each step's starter (a function that raises
NotImplementedError) under `<!-- md:check STEP -->`: the learner writes it in the page
and presses Check, which runs these checks in the browser's Python (runner.js). Or they
save it in a file and run, in the folder of their clone, with any Python 3.11 or newer:

    python3 -m hands_on.check gate my_gate.py
    python3 -m hands_on.check matrix my_matrix.py

Both print the same report. So this package imports the standard library only (a test
holds it; the build fails on a module the browser's Python could not import).

and so on for steps 8 to 14 (validate, drift, challenger, registry, canary, backtest,
asof), whose checkers import only the standard library and hands_on.runner, so that the
browser's Python can run them too.

The reference solutions are the functions the site's pages use
(`snippets.mlops_pipeline.passes_gate`, `snippets.ci_matrix.matrix_jobs`,
`snippets.data_validation.validate_batch`, `snippets.drift.ks_statistic`,
`snippets.model_release.challenger_wins` and `canary_verdict`,
`snippets.model_registry.ModelRegistry`, `snippets.backtest.rolling_origin_splits`,
`snippets.point_in_time.as_of_join`), so there is one source for each; the checks
are written from the rules a starter's docstring states, not from that code's output.
"""
