"""The library's functions do one thing each: none longer than LIMIT lines.

  python3 -m racelab_tools.checks.function_length [ROOT] [--limit N] [--help]

Scans the library's folders (checks/layers.py: base, detectors, include,
share), tests, benchmarks and outside projects (share/external/) left out,
and prints one line per function body longer than the limit (80 lines,
from the first line of its signature to its closing brace), "file:line:
Name is N lines (at most 80): split it". Exit codes: 0 none, 1 some, 2 bad
usage.

A function is a brace block at namespace or class scope whose head (the
text since the last ';', '{' or '}') has a parameter list and is not a
class, struct, union, enum, namespace or an initializer; comments, string
literals and preprocessor lines are blanked first. Lambdas and blocks
inside a function count toward it.
"""

import argparse
import os
import re
import sys

from .. import common
from . import layers

LIMIT = 80
SCOPE = re.compile(r"^(template\s*<.*>\s*)?(namespace|class|struct|union|enum)"
                   r"\b|^extern \"C\"")
ACCESS = re.compile(r"\s*(public|private|protected)\s*:(?!:)")
NAME = re.compile(r"([~\w:]+(?:<[^()]*>)?)\s*\(")


def blank(text):
    """`text` with comments, literals and preprocessor lines turned into
    spaces, newlines kept (so line numbers stay)."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and text[i:].lstrip(" \t").startswith("#"):
            j = i  # a preprocessor line, with its continuations
            while True:
                end = text.find("\n", j)
                end = n if end < 0 else end
                if end > 0 and text[end - 1] == "\\" and end < n:
                    j = end + 1
                    continue
                break
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        line_start = c == "\n" or (line_start and c in " \t")
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
        elif text.startswith('R"', i) and (i == 0 or not text[i - 1].isalnum()):
            delimiter = re.match(r'R"([^(]*)\(', text[i:])
            if delimiter is None:
                out.append(c)
                i += 1
                continue
            close = ")" + delimiter.group(1) + '"'
            end = text.find(close, i)
            end = n if end < 0 else end + len(close)
        elif c in "\"'" and not (c == "'" and i > 0 and text[i - 1].isalnum()):
            end = i + 1  # (a digit separator 1'000 is not a literal)
            while end < n and text[end] != c and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            end = min(end + 1, n)
        else:
            out.append(c)
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:end]))
        i = end
    return "".join(out)


def functions(text):
    """(name, first line, lines) of every function body in C++ `text`."""
    code = blank(text)
    stack = []  # (kind, first line, name)
    head_start = 0
    found = []
    for i, c in enumerate(code):
        if c == "{":
            access = ACCESS.match(code, head_start, i)
            if access:
                head_start = access.end()
            head = " ".join(code[head_start:i].split())
            if any(kind in ("function", "inner") for kind, _, _ in stack):
                kind = "inner"
            elif SCOPE.match(head) or re.search(r"\b(class|struct)\s+\w+[^()]*$",
                                                head):
                kind = "scope"
            elif "(" in head and not head.endswith("="):
                kind = "function"
            else:
                kind = "other"
            offset = head_start + len(code[head_start:i]) - len(
                code[head_start:i].lstrip())
            name = NAME.search(head)
            stack.append((kind, code.count("\n", 0, offset) + 1,
                          name.group(1) if name else head[:40]))
            head_start = i + 1
        elif c == "}":
            if stack:
                kind, first, name = stack.pop()
                if kind == "function":
                    last = code.count("\n", 0, i) + 1
                    found.append((name, first, last - first + 1))
            head_start = i + 1
        elif c == ";":
            head_start = i + 1
    return found


def check(root, limit):
    problems = []
    for top in layers.LIBRARY:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.relpath(os.path.join(folder, name), root)
                if (not name.endswith(layers.SOURCE_SUFFIXES)
                        or name.endswith(layers.EXEMPT_SUFFIXES)
                        or path.startswith(layers.OUTSIDE_PROJECTS)):
                    continue
                with open(os.path.join(root, path), errors="replace") as f:
                    text = f.read()
                for function, first, lines in functions(text):
                    if lines > limit:
                        problems.append(
                            f"{path}:{first}: {function} is {lines} lines "
                            f"(at most {limit}): split it")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="function_length", description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=common.ROOT)
    parser.add_argument("--limit", type=int, default=LIMIT)
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    if not os.path.isdir(os.path.join(args.root, "base")):
        print(f"function_length: {args.root} is not racelab's source root "
              "(no base/)", file=sys.stderr)
        return 2
    problems = check(args.root, args.limit)
    for problem in problems:
        print(problem)
    if problems:
        print(f"function_length: {len(problems)} function(s) too long")
        return 1
    print(f"function_length: every library function is at most "
          f"{args.limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
