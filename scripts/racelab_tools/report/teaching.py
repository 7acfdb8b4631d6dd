"""The report's section for students (scripts/report): the lab's steps
(docs/lab.md), each with the command a student runs and where this
report shows the same thing at scale."""

import os

from ..document import Bad, Code, Link
from ..lab import steps as lab_steps

# Where the report shows what each lab step shows, by the step's name.
IN_THIS_REPORT = {
    "damage": "Detection matrix (the audit's row: nothing watching)",
    "damage-fixed": "Verdict (every fix under the plain load)",
    "tsan-report": "The seed's race: TSan next to the incident",
    "mutex-forcing": "Verdict (liveness, native build)",
    "fix-locked": "The fixes, side by side with the bug",
    "locked-fields": "The tempting wrong fix",
    "history": "Race conditions with no data race: the history check",
}


def lab(doc, root, report_dir):
    doc.section("For students: the lab, step by step")
    path = os.path.join(root, "docs", "lab.md")
    try:
        with open(path, encoding="utf-8") as f:
            steps = lab_steps.parse(f.read())
    except (OSError, ValueError) as error:
        doc.note(Bad("no lab: "), f"docs/lab.md could not be read ({error}).")
        return
    link = os.path.relpath(path, report_dir)
    doc.para("This report is the lab's experiments run at scale. A student "
             "runs each step alone, predicting its output first (",
             Link("docs/lab.md", link), ": 90 minutes, the questions with "
             "each step; the exercises in ",
             Link("docs/exercises.md",
                  os.path.relpath(os.path.join(root, "docs", "exercises.md"),
                                  report_dir)),
             "). ctest runs every command below and checks the output the "
             "lab says to expect.")
    doc.table(["step", "build", "command", "in this report"],
              [[s.name, s.build, Code(s.command.replace("\\\n", " ")),
                IN_THIS_REPORT.get(s.name, "-")] for s in steps])
