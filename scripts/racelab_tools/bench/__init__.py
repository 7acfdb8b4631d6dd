"""The benchmark runs: reading them, their grid, reading and goals,
charts, the wire part, bench-report and bench-compare."""
