"""A block of a doc written from a stored measurement, between BEGIN and
END markers: replaced whole by a tool's --write, compared by its --check
(ctest), so nobody edits the numbers by hand."""

import json
import os
import sys

from . import common


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


def json_tool(prog, doc, argv, default_input, render, path, begin, end):
    """main() of a tool that renders a stored JSON measurement into `path`
    between `begin` and `end`: --input FILE (default `default_input`),
    --write or --check. `render(data)` returns the block. Exit status: 0
    written or up to date, 1 drifted, 2 (via common.fail) bad input."""
    def with_input(parser):
        parser.add_argument("--bench", "--input", dest="input",
                            default=default_input, metavar="FILE")

    def block(options):
        with open(options.input, encoding="utf-8") as f:
            return render(json.load(f))
    return tool(prog, doc, argv, block, path, begin, end, with_input)


def tool(prog, doc, argv, block, path, begin, end, more_arguments=None):
    """main() of a tool that writes `block(options)` into `path` between
    `begin` and `end` (--write) or compares it (--check). Exit status: 0
    written or up to date, 1 drifted, 2 (via common.fail) bad input."""
    parser = common.argument_parser(prog, doc)
    if more_arguments:
        more_arguments(parser)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    options = parser.parse_args(argv)
    name = os.path.relpath(path, common.ROOT)
    try:
        status = write_or_check(
            path, begin, end, block(options), options.write,
            f"run (cd scripts && python3 -m {prog} --write); never edit "
            "the numbers by hand")
    except (OSError, ValueError, KeyError) as e:
        common.fail(prog, e)
    if status == 0:
        print(f"{prog}: {name}'s generated block is "
              + ("written" if options.write else "up to date"))
    return status
