"""A block of a doc written from a stored measurement, between BEGIN and
END markers: replaced whole by a tool's --write, compared by its --check
(ctest), so nobody edits the numbers by hand."""

import os
import sys


def replace(text, begin, end, block, indent=""):
    """`text` with what lies between the markers replaced by `block`."""
    if begin not in text or end not in text:
        raise ValueError(f"no {begin} ... {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{block}\n{indent}{end}{tail}"


def write_or_check(path, begin, end, block, write, hint, indent=""):
    """Writes the block into `path` (write) or compares it. Returns 0 when
    written or up to date, 1 when the file differs (`hint` printed: how to
    bring it up to date). Raises OSError or ValueError."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    wanted = replace(text, begin, end, block, indent)
    if write:
        with open(path, "w", encoding="utf-8") as f:
            f.write(wanted)
        return 0
    if wanted != text:
        print(f"{os.path.basename(path)}: the generated block differs from "
              f"the stored measurement: {hint}", file=sys.stderr)
        return 1
    return 0
