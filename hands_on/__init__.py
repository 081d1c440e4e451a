"""The hands-on project's coding steps, and the command that checks a learner's code.

docs/hands-on.md gives each step's starter (a function that raises
NotImplementedError) and tells the learner to save it in a file of their own, then
run, from the folder of their clone:

    .venv/bin/python -m hands_on.check gate my_gate.py
    .venv/bin/python -m hands_on.check matrix my_matrix.py

and so on for steps 8 to 12 (validate, drift, challenger, registry, canary), whose
checkers import only the standard library and hands_on.runner, so that the browser's
Python can run them too.

The reference solutions are the functions the site's pages use
(`snippets.mlops_pipeline.passes_gate`, `snippets.ci_matrix.matrix_jobs`,
`snippets.data_validation.validate_batch`, `snippets.drift.ks_statistic`,
`snippets.model_release.challenger_wins` and `canary_verdict`,
`snippets.model_registry.ModelRegistry`), so there is one source for each; the checks
are written from the rules a starter's docstring states, not from that code's output.
"""
