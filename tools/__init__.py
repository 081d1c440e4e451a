"""Commands for looking at the site (bench, sizes, screenshots, a local server) and the
helpers they share with the tests. Run as `python -m tools.NAME`; `make help` lists them."""
