"""docs: the docs must not drift from the code or break.

  python3 -m racelab_tools.checks.docs links     every relative link in README.md and docs/ (a
                          file, and a #heading in a Markdown file) resolves
  python3 -m racelab_tools.checks.docs excerpts  every ```cpp block of docs/ whose first line is
                          "// <path> (excerpt)" is, line for line, a
                          contiguous part of that file
  python3 -m racelab_tools.checks.docs paths     every repository path named in a doc, a comment
                          or a message (README.md, docs/, sources, CMake
                          files, scripts) exists: a file path like
                          share/history/scenario_steps.h, or a folder
                          written with its slash (fixed/pool/)

Prints one line per problem, "file:line: ...". Exit codes: 0 none; 1 some;
2 bad usage.
"""

import glob
import os
import re
import sys

from .. import common

ROOT = common.ROOT
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```(\w*)\s*$")


def markdown_files():
    return [os.path.join(ROOT, "README.md")] + sorted(
        glob.glob(os.path.join(ROOT, "docs", "**", "*.md"), recursive=True))


def slug(heading):
    """GitHub's anchor for a heading."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    found = set()
    in_code = False
    with open(path) as f:
        for line in f:
            if line.startswith("```"):
                in_code = not in_code
            elif not in_code and line.startswith("#"):
                found.add(slug(line.lstrip("#")))
    return found


def check_links():
    problems = []
    for path in markdown_files():
        in_code = False
        with open(path) as f:
            for number, line in enumerate(f, 1):
                if line.startswith("```"):
                    in_code = not in_code
                if in_code:
                    continue
                for target in LINK.findall(line):
                    if re.match(r"[a-z]+:", target):
                        continue  # http:, https:, mailto:
                    file_part, _, anchor = target.partition("#")
                    resolved = (os.path.normpath(os.path.join(
                        os.path.dirname(path), file_part)) if file_part
                        else path)
                    where = f"{os.path.relpath(path, ROOT)}:{number}"
                    if not os.path.exists(resolved):
                        problems.append(f"{where}: broken link {target}")
                    elif anchor and resolved.endswith(".md") and \
                            anchor not in anchors(resolved):
                        problems.append(f"{where}: no heading #{anchor} in "
                                        f"{os.path.relpath(resolved, ROOT)}")
    return problems


def check_excerpts():
    problems = []
    for path in markdown_files():
        with open(path) as f:
            lines = f.read().splitlines()
        i = 0
        while i < len(lines):
            fence = FENCE.match(lines[i])
            if not fence or fence.group(1) != "cpp":
                i += 1
                continue
            start = i + 1
            end = start
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            block = lines[start:end]
            i = end + 1
            header = re.match(r"// (\S+) \(excerpt\)$", block[0]) \
                if block else None
            if not header:
                continue
            where = f"{os.path.relpath(path, ROOT)}:{start + 1}"
            source = os.path.join(ROOT, header.group(1))
            if not os.path.isfile(source):
                problems.append(f"{where}: {header.group(1)} does not exist")
                continue
            with open(source) as f:
                text = f.read().splitlines()
            body = block[1:]
            if not any(text[k:k + len(body)] == body
                       for k in range(len(text) - len(body) + 1)):
                problems.append(f"{where}: the excerpt of {header.group(1)} "
                                "no longer matches the file; copy it again")
    return problems


# Folders the tools write into, never sources: a path under them names a
# run's output, which need not exist, except a source file's name, which
# can only be a stale reference (a header under report/).
OUTPUT_ROOTS = ("build", "out", "report", "report-partial")
SOURCE_SUFFIXES = (".h", ".cc", ".py")
# Files that are read for paths: what a person reads.
SCANNED_SUFFIXES = (".md", ".h", ".cc", ".py", ".cmake", ".txt", ".in",
                    ".sh", ".json")
# Stored data and samples of other tools' output, not prose.
UNSCANNED = ("docs/measurements/", "detectors/testdata/", "share/testdata/")
PATH_TOKEN = re.compile(r"(?<![\w./@$-])([A-Za-z_][\w-]*/[\w./+-]*)(?![*{<%$])")


def source_roots():
    return sorted(d for d in os.listdir(ROOT)
                  if os.path.isdir(os.path.join(ROOT, d))
                  and not d.startswith(".") and d not in OUTPUT_ROOTS)


def scanned_files():
    """Every source, doc, CMake file and script of the repository."""
    files = []
    for top in ["."] + source_roots():
        base = os.path.join(ROOT, top)
        for folder, dirs, names in os.walk(base):
            if top == ".":
                dirs[:] = []  # the top-level files only
            dirs[:] = [d for d in dirs if not d.startswith(".")
                       and d != "__pycache__"]
            for name in names:
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, ROOT)
                if relative.startswith(UNSCANNED):
                    continue
                in_scripts = relative.startswith("scripts/") and \
                    "." not in name
                if name.endswith(SCANNED_SUFFIXES) or in_scripts or \
                        name == "CMakeLists.txt":
                    files.append(path)
    return sorted(files)


def named_paths(line, roots):
    """The repository paths a line names: a token that starts with a
    top-level folder and is a file name (it has an extension) or a folder
    written with its slash. Patterns (*, {}, <>) are not paths."""
    for token in PATH_TOKEN.findall(line):
        token = token.rstrip(".,:;")
        first, _, rest = token.partition("/")
        if not rest and not token.endswith("/"):
            continue
        last = token.rstrip("/").rsplit("/", 1)[-1]
        is_file = "." in last and not token.endswith("/")
        if first in OUTPUT_ROOTS:
            if is_file and last.endswith(SOURCE_SUFFIXES):
                yield token
            continue
        if first not in roots or not (is_file or token.endswith("/")):
            continue
        yield token


def check_paths():
    problems = []
    roots = set(source_roots())
    for path in scanned_files():
        relative = os.path.relpath(path, ROOT)
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except UnicodeDecodeError:
            continue
        # A test's code holds made-up paths as data; its comments do not.
        is_test = re.search(r"_test\.(cc|py)$", relative) is not None
        for number, line in enumerate(lines, 1):
            if is_test and not line.lstrip().startswith(("//", "#")):
                continue
            for token in named_paths(line, roots):
                if not os.path.exists(os.path.join(ROOT, token)):
                    problems.append(f"{relative}:{number}: names {token}, "
                                    "which does not exist")
    return problems


CHECKS = {"links": check_links, "excerpts": check_excerpts,
          "paths": check_paths}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        print(__doc__, file=sys.stderr)
        return 2
    problems = CHECKS[sys.argv[1]]()
    for problem in problems:
        print(problem)
    print(f"docs {sys.argv[1]}: "
          f"{'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
