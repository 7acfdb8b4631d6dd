"""The report's document model: one list of blocks, two renderings.

scripts/report builds a Document (sections of headings, paragraphs, lists,
tables, preformatted text, side-by-side diffs and charts) and writes it as
index.html (self-contained: inline CSS and SVG, no script, a
Content-Security-Policy that forbids loading anything) and as index.md (the
same content for terminals and code review). Every text is escaped here,
once; callers pass plain text, or `Code(...)` for inline code.
"""

import difflib
import html
import re

# Nothing may be fetched: no script, font, image or style from anywhere.
# Inline <style> and inline SVG need only style-src 'unsafe-inline'.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto;
       max-width: 72rem; padding: 1rem 2rem; color: #1b1b1b; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #ddd; margin-top: 2.2rem; }
h3 { margin-top: 1.5rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre, code { font: .85rem/1.35 ui-monospace, monospace; }
pre { background: #f6f6f6; padding: .6rem; overflow-x: auto;
      border-left: 3px solid #bbb; }
.bad { color: #a40000; font-weight: bold; }
.good { color: #1d6b1d; font-weight: bold; }
.note { background: #fff6d8; border: 1px solid #e5cf7a; padding: .5rem 1rem; }
.partial { background: #ffe0e0; border: 2px solid #c00; padding: .5rem 1rem; }
nav ol { columns: 2; font-size: .9rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
table.diff { font: .78rem/1.3 ui-monospace, monospace; width: 100%; }
table.diff td { border: none; padding: 0 .3rem; white-space: pre-wrap; }
table.diff th { display: none; }
.diff_add { background: #dfd; } .diff_chg { background: #ffc; }
.diff_sub { background: #fdd; } .diff_next { display: none; }
@media print { body { max-width: none; font-size: 11px; }
  nav { display: none; } pre, table { page-break-inside: avoid; } }
"""


class Code(str):
    """Inline code inside a paragraph or a table cell."""


class Bad(str):
    """Text marking a failure."""


class Good(str):
    """Text marking success."""


def _inline_html(part):
    if isinstance(part, Code):
        return f"<code>{html.escape(part)}</code>"
    if isinstance(part, Bad):
        return f'<span class="bad">{html.escape(part)}</span>'
    if isinstance(part, Good):
        return f'<span class="good">{html.escape(part)}</span>'
    if isinstance(part, Link):
        return (f'<a href="{html.escape(part.href, quote=True)}">'
                f"{html.escape(part.text)}</a>")
    return html.escape(str(part))


def _inline_md(part):
    if isinstance(part, Code):
        return f"`{part}`"
    if isinstance(part, (Bad, Good)):
        return f"**{part}**"
    if isinstance(part, Link):
        return f"[{part.text}]({part.href})"
    return str(part)


class Link:
    """A link to a local file of the report (a log, the SARIF file)."""

    def __init__(self, text, href):
        self.text, self.href = text, href


def _parts(text):
    return text if isinstance(text, (list, tuple)) else [text]


def _slug(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


class Document:
    def __init__(self, title, partial_reason=""):
        self.title = title
        self.partial_reason = partial_reason
        self.blocks = []  # (kind, payload)

    # ------------------------------------------------------------ building
    def section(self, title):
        self.blocks.append(("h2", title))

    def subsection(self, title):
        self.blocks.append(("h3", title))

    def para(self, *parts):
        self.blocks.append(("p", list(parts)))

    def note(self, *parts):
        self.blocks.append(("note", list(parts)))

    def bullets(self, items):
        self.blocks.append(("ul", [list(_parts(i)) for i in items]))

    def table(self, header, rows, numeric=()):
        """rows: lists of cells (text or parts); `numeric`: column indexes
        aligned right."""
        self.blocks.append(("table", (header, rows, set(numeric))))

    def pre(self, text):
        self.blocks.append(("pre", text))

    def figure(self, svg, caption, md_path=""):
        """An inline SVG chart; in Markdown a link to `md_path`."""
        self.blocks.append(("figure", (svg, caption, md_path)))

    def diff(self, name_a, text_a, name_b, text_b):
        self.blocks.append(("diff", (name_a, text_a, name_b, text_b)))

    def headings(self):
        return [payload for kind, payload in self.blocks if kind == "h2"]

    # ------------------------------------------------------------ HTML
    def to_html(self):
        out = ["<!DOCTYPE html>", '<html lang="en">', "<head>",
               '<meta charset="utf-8">',
               f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
               '<meta name="viewport" content="width=device-width, '
               'initial-scale=1">',
               f"<title>{html.escape(self.title)}</title>",
               f"<style>{CSS}</style>", "</head>", "<body>",
               f"<h1>{html.escape(self.title)}</h1>"]
        if self.partial_reason:
            out.append(f'<p class="partial" id="partial">PARTIAL REPORT: '
                       f"{html.escape(self.partial_reason)}</p>")
        out.append('<nav><ol>' + "".join(
            f'<li><a href="#{_slug(h)}">{html.escape(h)}</a></li>'
            for h in self.headings()) + "</ol></nav>")
        for kind, payload in self.blocks:
            out.append(self._html_block(kind, payload))
        out += ["</body>", "</html>", ""]
        return "\n".join(out)

    def _html_block(self, kind, payload):
        if kind == "h2":
            return (f'<h2 id="{_slug(payload)}">'
                    f"{html.escape(payload)}</h2>")
        if kind == "h3":
            return f"<h3>{html.escape(payload)}</h3>"
        if kind == "p":
            return "<p>" + "".join(map(_inline_html, payload)) + "</p>"
        if kind == "note":
            return ('<p class="note">' + "".join(map(_inline_html, payload))
                    + "</p>")
        if kind == "ul":
            return "<ul>" + "".join(
                "<li>" + "".join(map(_inline_html, item)) + "</li>"
                for item in payload) + "</ul>"
        if kind == "table":
            header, rows, numeric = payload
            head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
            body = []
            for row in rows:
                cells = []
                for i, cell in enumerate(row):
                    cls = ' class="num"' if i in numeric else ""
                    cells.append(f"<td{cls}>" + "".join(
                        map(_inline_html, _parts(cell))) + "</td>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            return (f"<table><thead><tr>{head}</tr></thead><tbody>"
                    + "".join(body) + "</tbody></table>")
        if kind == "pre":
            return f"<pre>{html.escape(payload)}</pre>"
        if kind == "figure":
            svg, caption, _ = payload
            return (f"<figure>{_strip_xml_prolog(svg)}<figcaption>"
                    f"{html.escape(caption)}</figcaption></figure>")
        if kind == "diff":
            name_a, text_a, name_b, text_b = payload
            table = difflib.HtmlDiff(tabsize=2, wrapcolumn=70).make_table(
                text_a.splitlines(), text_b.splitlines(), name_a, name_b,
                context=True, numlines=2)
            # HtmlDiff's anchors carry ids only; its legend links are not
            # emitted by make_table.
            return table
        raise ValueError(f"unknown block {kind}")

    # ------------------------------------------------------------ Markdown
    def to_markdown(self):
        out = [f"# {self.title}", ""]
        if self.partial_reason:
            out += [f"**PARTIAL REPORT: {self.partial_reason}**", ""]
        for kind, payload in self.blocks:
            out += self._md_block(kind, payload) + [""]
        return "\n".join(out)

    def _md_block(self, kind, payload):
        if kind == "h2":
            return [f"## {payload}"]
        if kind == "h3":
            return [f"### {payload}"]
        if kind in ("p", "note"):
            text = "".join(map(_inline_md, payload))
            return [f"> {text}" if kind == "note" else text]
        if kind == "ul":
            return ["- " + "".join(map(_inline_md, item)) for item in payload]
        if kind == "table":
            header, rows, numeric = payload
            lines = ["| " + " | ".join(header) + " |",
                     "|" + "|".join("---:" if i in numeric else "---"
                                    for i in range(len(header))) + "|"]
            for row in rows:
                lines.append("| " + " | ".join(
                    "".join(map(_inline_md, _parts(c))).replace("|", "\\|")
                    for c in row) + " |")
            return lines
        if kind == "pre":
            return ["```", payload.rstrip("\n"), "```"]
        if kind == "figure":
            _, caption, md_path = payload
            return [f"![{caption}]({md_path})" if md_path else caption]
        if kind == "diff":
            name_a, text_a, name_b, text_b = payload
            diff = difflib.unified_diff(
                text_a.splitlines(), text_b.splitlines(), name_a, name_b,
                lineterm="", n=2)
            return ["```diff", *diff, "```"]
        raise ValueError(f"unknown block {kind}")


def _strip_xml_prolog(svg):
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    return re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)


# ------------------------------------------------------------ Markdown in
_INLINE = re.compile(r"(`[^`]+`|\*\*[^*]+\*\*)")


def _inline_parts(text):
    parts = []
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("`") and piece.endswith("`"):
            parts.append(Code(piece[1:-1]))
        elif piece.startswith("**") and piece.endswith("**"):
            parts.append(piece[2:-2])
        else:
            parts.append(piece)
    return parts


IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")


def include_markdown(doc, text, skip_title=True):
    """Adds the Markdown racelab's own reports write (headings, paragraphs,
    bullet lists, pipe tables, code fences) to `doc` as blocks. Headings of
    any level become subsections; the first '# ' title is skipped. An image
    line (`![alt](file.svg)`) is left out: its file is relative to the
    included report, and the caller embeds the charts itself."""
    lines = text.splitlines()
    i = 0
    paragraph = []

    def flush():
        if paragraph:
            doc.para(*_inline_parts(" ".join(paragraph)))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            doc.pre("\n".join(body))
        elif IMAGE_LINE.match(line):
            flush()
        elif line.startswith("#"):
            flush()
            title = line.lstrip("#").strip()
            if not (skip_title and line.startswith("# ")):
                doc.subsection(title)
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in
                         re.split(r"(?<!\\)\|", lines[i].strip())[1:-1]]
                rows.append([c.replace("\\|", "|") for c in cells])
                i += 1
            i -= 1
            header, body = rows[0], [r for r in rows[2:]]
            numeric = [k for k, c in enumerate(rows[1] if len(rows) > 1
                                               else []) if c.endswith(":")]
            doc.table(header, [[_inline_parts(c) for c in r] for r in body],
                      numeric)
        elif line.startswith("- "):
            flush()
            items = []
            while i < len(lines) and (lines[i].startswith("- ") or
                                      lines[i].startswith("  ")):
                if lines[i].startswith("- "):
                    items.append(lines[i][2:].strip())
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            i -= 1
            doc.bullets([_inline_parts(item) for item in items])
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
        i += 1
    flush()
