"""The lab and the lessons: docs/lab.md's steps run and checked, the TSan
lesson, the cost of watching."""
