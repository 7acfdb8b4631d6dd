"""docs: the docs must not drift from the code or break.

  python3 -m racelab_tools.checks.docs links     every relative link in README.md and docs/ (a
                          file, and a #heading in a Markdown file) resolves
  python3 -m racelab_tools.checks.docs excerpts  every ```cpp block of docs/ whose first line is
                          "// <path> (excerpt)" is, line for line, a
                          contiguous part of that file

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


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("links", "excerpts"):
        print(__doc__, file=sys.stderr)
        return 2
    problems = check_links() if sys.argv[1] == "links" else check_excerpts()
    for problem in problems:
        print(problem)
    print(f"docs {sys.argv[1]}: "
          f"{'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
