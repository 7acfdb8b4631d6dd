"""ThreadSanitizer stack frames, parsed and shortened for reports.

The same rules as detectors/tsan_frame.h (the C++ side, which shortens the
frames of a failure message and of the verdict); both are held to one table
of recorded frames, detectors/testdata/tsan_frames_expected.txt
(scripts/racelab_tools/tsan_frames_test.py and detectors/tsan_frame_test.cc).

  parse_frame(line)     -> Frame or None
  short_function(name)  -> "{anon}::JsonConfigReader::Get"
  short_frame_line(f)   -> "#10 {anon}::JsonConfigReader::Get dir/file.cc:17:15"
"""

import collections
import re

Frame = collections.namedtuple("Frame", "index function location module")

MAX_TEMPLATE_CHARS = 30
MAX_THIRD_PARTY_CHARS = 60
_SOURCE_EXTENSIONS = {"c", "cc", "cpp", "cxx", "C", "h", "hh", "hpp", "hxx",
                      "inc", "ipp", "tcc"}
_QUALIFIERS = (" const", " volatile", " &&", " &", " noexcept")
_OPERATOR_SYMBOLS = "+-*/%^&|~!=<>,"
_LAYER_DIRS = ("/base/", "/world/", "/instrument/", "/wire/", "/repro/",
               "/fixed/", "/load/", "/detectors/", "/experiments/",
               "/share/", "/exercises/", "/cli/", "/bench/")


def _is_identifier_char(c):
    return c.isalnum() or c in "_$"


def _matching(s, open_at, opening, closing):
    depth = 0
    for i in range(open_at, len(s)):
        if s[i] == opening:
            depth += 1
        elif s[i] == closing:
            depth -= 1
            if depth == 0:
                return i
    return len(s) - 1


def _looks_like_source_file(word):
    dot = word.rfind(".")
    return dot > 0 and word[dot + 1:] in _SOURCE_EXTENSIONS


def has_line(frame):
    colon = frame.location.rfind(":")
    return colon >= 0 and frame.location[colon + 1:].isdigit()


def parse_frame(line):
    """The frame on `line`, or None if it is not one."""
    body = line.strip()
    match = re.match(r"#(\d+) +(.*)$", body)
    if not match:
        return None
    index, body = int(match.group(1)), match.group(2)
    module = ""
    while body.endswith(")"):
        open_at = body.rfind(" (")
        if open_at < 0:
            break
        group = body[open_at + 2:-1]
        if group.startswith("BuildId:"):
            body = body[:open_at]
        elif "+0x" in group:
            module = group
            body = body[:open_at]
        else:
            break
    location = ""
    last = body.rfind(" ")
    if last >= 0:
        word = body[last + 1:]
        if (word == "<null>" or "/" in word or _looks_like_source_file(word)
                or (":" in word and "::" not in word and word[-1].isdigit())):
            location = "" if word == "<null>" else word
            body = body[:last]
    return Frame(index, body or "<null>", location, module)


def _is_operator_at(s, i):
    if not s.startswith("operator", i):
        return False
    if i > 0 and _is_identifier_char(s[i - 1]):
        return False
    return i + 8 >= len(s) or not _is_identifier_char(s[i + 8])


def _operator_end(s, i):
    start = j = i + 8
    if j >= len(s):
        return j
    if s.startswith("()", j) or s.startswith("[]", j):
        return j + 2
    if s[j] == " ":
        j += 1
        while j < len(s) and (_is_identifier_char(s[j]) or s[j] == ":"):
            j += 1
        if s.startswith("[]", j):
            j += 2
        return j
    while j < len(s) and s[j] in _OPERATOR_SYMBOLS:
        j += 1
    if (j > start + 1 and s[j - 1] == "<" and j < len(s)
            and (_is_identifier_char(s[j]) or s[j] == ":")):
        j -= 1
    return j


def _skip_qualifiers(s, i):
    skipped = True
    while skipped:
        skipped = False
        for qualifier in _QUALIFIERS:
            end = i + len(qualifier)
            if s.startswith(qualifier, i) and (
                    end >= len(s) or not _is_identifier_char(s[end])):
                i = end
                skipped = True
    return i


def short_function(function):
    """"(anonymous namespace)::Ordered::operator<(...) const" ->
    "{anon}::Ordered::operator<"; never empty."""
    s = function.replace("(anonymous namespace)", "{anon}")
    out = ""
    i = 0
    while i < len(s):
        c = s[i]
        if _is_operator_at(s, i):
            end = _operator_end(s, i)
            out += s[i:end]
            i = end
        elif c == "<":
            end = _matching(s, i, "<", ">")
            group = s[i:end + 1]
            if out.endswith("<"):
                out += " "
            out += "<...>" if len(group) > MAX_TEMPLATE_CHARS else group
            i = end + 1
        elif c == "{":
            end = _matching(s, i, "{", "}")
            out += s[i:end + 1]
            i = end + 1
        elif c == "[":
            i = _matching(s, i, "[", "]") + 1
        elif c == "(":
            i = _skip_qualifiers(s, _matching(s, i, "(", ")") + 1)
            if s.startswith("::", i):
                out += "()"  # a function that is a scope keeps "()"
        elif c == "'":
            end = s.find("'", i + 1)
            stop = len(s) if end < 0 else end + 1
            out += s[i:stop]
            i = stop
        elif c == " ":
            if i + 1 < len(s) and s[i + 1] != "[":
                out = ""
            i += 1
        else:
            out += c
            i += 1
    return out or function


def _elide_templates(name):
    out = ""
    i = 0
    while i < len(name):
        if (name[i] == "<" and not out.endswith("operator")
                and not out.endswith("operator<")):
            i = _matching(name, i, "<", ">")
            out += "<...>"
        else:
            out += name[i]
        i += 1
    return out


def _last_scopes(name, max_chars):
    if len(name) <= max_chars:
        return name
    scopes = []
    start = 0
    i = 0
    while i + 1 < len(name):
        if name[i] == "<":
            i = _matching(name, i, "<", ">")
        if i + 1 < len(name) and name[i] == ":" and name[i + 1] == ":":
            scopes.append(name[start:i])
            start = i + 2
            i += 1
        i += 1
    scopes.append(name[start:])
    kept = scopes[-1]
    for scope in reversed(scopes[:-1]):
        if len(kept) + len(scope) + 2 > max_chars:
            break
        kept = scope + "::" + kept
    return kept


def is_third_party(frame):
    path = frame.location
    if not path:
        return False
    return (path.startswith(("/usr/", "/lib/", "/opt/", "../"))
            or any(part in path for part in (
                "/include/c++/", "/abseil-src/", "/googletest/",
                "libsanitizer/", "sysdeps/")))


def short_location(location):
    for layer in _LAYER_DIRS:
        at = location.rfind(layer)
        if at >= 0:
            return location[at + 1:]
    parts = location.rsplit("/", 2)
    return "/".join(parts[-2:]) if len(parts) > 1 else location


def short_frame_line(frame, indent=""):
    name = short_function(frame.function)
    if is_third_party(frame):
        name = _last_scopes(_elide_templates(name), MAX_THIRD_PARTY_CHARS)
        where = frame.location.rsplit("/", 1)[-1]
    else:
        where = short_location(frame.location) if frame.location else ""
    return f"{indent}#{frame.index} {name}" + (f" {where}" if where else "")
