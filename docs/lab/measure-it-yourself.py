# ---
# description: "Run both pipelines over growing sizes, measure time and operations, and fit the growth exponents yourself."
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab: measure it yourself
#
# This lab is being written.

# %%
from snippets.growth import fit_exponent, measure, mlops_run

runs = measure(mlops_run, [5, 10, 20])
print(round(fit_exponent([r.n for r in runs], [r.operations for r in runs]), 2))
