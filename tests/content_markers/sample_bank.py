"""A well-formed bank of one question, for the tests to plant and break."""

GOOD = """\
# A bank

## ct-is-unique

difficulty: easy

Which practice is unique to ML systems?

- [ ] Continuous integration
- [x] Continuous training
- [ ] Continuous delivery

### Solution

Step 1: CI and CD come from DevOps.
Step 2: Retraining on triggers is what ML adds.

Final answer: Continuous training -> Option B

Quick check: CT = the ML-only practice.

Common mistakes:

- Picking CI because ML pipelines run it too.
"""
