"""The detection matrix for people (report.py): one renderer of the
matrix.json that `racelab matrix` and `racelab merge` write."""
