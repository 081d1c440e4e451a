"""The hands-on project's coding steps, and the command that checks a learner's code.

docs/hands-on.md gives each step's starter (a function that raises
NotImplementedError) and tells the learner to save it in a file of their own, then
run, from the folder of their clone:

    python3 -m hands_on.check gate my_gate.py
    python3 -m hands_on.check matrix my_matrix.py

The reference solutions are the functions the site's pipelines use
(`snippets.mlops_pipeline.passes_gate`, `snippets.ci_matrix.matrix_jobs`), so there
is one source for each; the checks are written from the rules a starter's docstring
states, not from that code's output.
"""
