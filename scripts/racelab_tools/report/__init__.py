"""The report of a racelab run (scripts/report): inputs, sections,
charts."""
