"""racelab_tools: everything racelab does in Python, one package.

The commands in scripts/ (report, bench-report, bench-compare, tsan-rate,
share-rate, check-layers) are thin entry points into it; ctest and the bash
scripts run its modules with `python3 -m racelab_tools.<module>`.
docs/architecture.md ("The Python tools") maps the modules.
"""
