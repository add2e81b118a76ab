"""Hostile inputs: each one run through the real CLI, with the exit code and message it must give.

The catalogue below is the test data of ``test_hostile.py`` and the source of
``docs/hostile-inputs.md`` (``python -m tests.hostile.table``): every message
in that table is one the tests see the CLI print.
"""
