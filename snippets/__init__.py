"""The code the MLOps vs DevOps pages show: small, deterministic, CPU-only pipelines.

Pages include these modules (or named sections of them) with pymdownx.snippets,
so the code a reader sees is the code the tests run.
"""
