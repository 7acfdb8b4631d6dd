"""The report's first section: whether every check of the run came out as
expected and, if not, which part, verdict row or matrix cell did not."""

from ..document import Bad, Good


def overall_problems(inputs, partial_reason=""):
    """Everything of this run that did not come out as expected, one line
    each, naming the part, the verdict row or the matrix cell; empty if
    every check passed. Measured rates never fail; unavailable cells are
    listed by overall_unavailable()."""
    problems = []
    if partial_reason:
        problems.append(f"the report is partial: {partial_reason}")
    for t in inputs.timings or []:
        if t["part"] != "report" and t["status"] != "ok":
            problems.append(f"part {t['part']}: {t['status']} "
                            f"(out/logs/run/{t['part']}.log)")
    for build in ("tsan", "native"):
        verdict = inputs.verdict(build)
        if verdict is None:
            continue  # said by the part's status, or the verdict was skipped
        for row in verdict["rows"]:
            if row["role"] != "stress" and not row["as_expected"]:
                problems.append(f"verdict ({build} build): {row['variant']} "
                                f"{row['role']}: {row['verdict']}")
    for schedule in ("forced", "plain"):
        for (variant, detector), cell in inputs.matrix_summary(
                schedule).items():
            if (cell.get("available", True) and not cell.get("measured")
                    and not cell.get("as_expected", True)):
                problems.append(f"matrix ({schedule}): {variant} x "
                                f"{detector}: {cell['verdict']}")
    return problems


def overall_unavailable(inputs):
    """The matrix cells that could not run here, with the reason."""
    return [f"matrix ({schedule}): {variant} x {detector}: "
            f"{cell.get('unavailable_reason', '')}"
            for schedule in ("forced", "plain")
            for (variant, detector), cell in inputs.matrix_summary(
                schedule).items() if not cell.get("available", True)]


def summary(inputs, partial_reason=""):
    """What report.json keeps of this section."""
    problems = overall_problems(inputs, partial_reason)
    return {"as_expected": not problems, "problems": problems,
            "unavailable": overall_unavailable(inputs)}


def overall(doc, inputs, result):
    """Writes the section from `result` (summary())."""
    doc.section("Overall result")
    problems = result["problems"]
    if problems:
        doc.note(Bad(f"NOT AS EXPECTED: {len(problems)} check(s) failed"),
                 " (scripts/run exits 1; each line links nothing but names "
                 "where to look):")
        doc.bullets([Bad(p) for p in problems])
    else:
        checked = sum(1 for schedule in ("forced", "plain")
                      for c in inputs.matrix_summary(schedule).values()
                      if c.get("available", True) and not c.get("measured"))
        rows = sum(1 for build in ("tsan", "native")
                   if inputs.verdict(build) for r in
                   inputs.verdict(build)["rows"] if r["role"] != "stress")
        doc.note(Good("Every check came out as expected"),
                 f": {rows} verdict rows and {checked} matrix cells checked; "
                 "the measured rates (plain stress, the history check) "
                 "never fail a run and are shown below as rates.")
    unavailable = result["unavailable"]
    if unavailable:
        doc.para(f"Not run here ({len(unavailable)} cell(s), never counted "
                 "as a pass):")
        doc.bullets(unavailable)
