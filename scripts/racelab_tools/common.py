"""What every racelab tool does the same way: where the repository is, how a
tool gives up, how a file or a directory is replaced without a reader ever
seeing half of it, and how JSON the tools wrote is read back."""

import argparse
import json
import os
import shutil
import subprocess
import sys

# The repository: this package lives in <root>/scripts/racelab_tools.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
# Stored measurements the docs and the report quote.
MEASUREMENTS = os.path.join(ROOT, "docs", "measurements")

# Exit code of every tool for bad usage or input it cannot use.
USAGE = 2


class Failure(Exception):
    """A tool cannot go on; the message says what to do about it."""


def fail(prog, message, code=USAGE):
    """Prints `prog: message` on stderr and exits with `code`."""
    print(f"{prog}: {message}", file=sys.stderr)
    sys.exit(code)


def write_atomically(path, text):
    """Writes `text` to `path` in one rename: a reader sees the old file or
    the new one, never half of it."""
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def replace_directory(target, files):
    """Writes `files` {name: text} as the directory `target`, replacing any
    previous one in one rename."""
    parent = os.path.dirname(os.path.abspath(target)) or "."
    os.makedirs(parent, exist_ok=True)
    tmp = f"{target}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for name, text in files.items():
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
            f.write(text)
    old = f"{target}.old-{os.getpid()}"
    if os.path.exists(target):
        os.rename(target, old)
    os.rename(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


def load_json(path, prog):
    """The JSON at `path`, or None when the file does not exist or does not
    parse (said on stderr: the caller leaves that input out)."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None
    except ValueError as e:
        print(f"{prog}: {path} is not valid JSON ({e}); left out",
              file=sys.stderr)
        return None


def markdown_table(header, rows, numeric=()):
    """A pipe table: `rows` of cells already rendered as Markdown text;
    the `numeric` column indexes aligned right."""
    numeric = set(numeric)
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if i in numeric else "---"
                            for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row)
              + " |" for row in rows]
    return lines


def argument_parser(prog, doc):
    """An ArgumentParser whose --help is the tool's module docstring: its
    first paragraph as the description, the rest as the epilog."""
    description, _, epilog = doc.partition("\n\n")
    return argparse.ArgumentParser(
        prog=prog, description=description, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter)


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, or "?"."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next((line.split(":", 1)[1].strip() for line in f
                         if line.startswith("model name")), "?")
    except OSError:
        return "?"


def git_commit():
    """The checkout's commit (12 hex digits, "+dirty" when files other
    than the stored measurements differ from it), or "?" outside a git
    checkout."""
    try:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12",
                                 "HEAD"], capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                                "--untracked-files=no", "--", ".",
                                ":!docs/measurements"], capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return commit + ("+dirty" if dirty else "")


def same_code_as(commit, tools=()):
    """True if what a measurement runs is the same in the checkout
    (committed or not) as at `commit` (as git_commit() wrote it): every
    file outside docs/ and scripts/, and of scripts/ the `tools` (paths)
    that take the measurement. False for a "+dirty" or unknown commit."""
    if not commit or commit == "?" or commit.endswith("+dirty"):
        return False
    base = ["git", "-C", ROOT, "diff", "--quiet", commit, "--"]
    try:
        return all(subprocess.run(base + paths,
                                  capture_output=True).returncode == 0
                   for paths in ([".", ":!docs", ":!scripts"], list(tools))
                   if paths)
    except OSError:
        return False
