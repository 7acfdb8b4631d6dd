"""racelab's document model: one list of blocks, two renderings.

The report (scripts/report) and every measuring tool's own report
(bench.md, tsan-rate.md, share-rate.md) build a Document (sections of headings, paragraphs, lists,
tables, preformatted text, side-by-side diffs and charts) and writes it as
index.html (self-contained: inline CSS and SVG, no script, a
Content-Security-Policy that forbids loading anything) and as index.md (the
same content for terminals and code review). Every text is escaped here,
once; callers pass plain text, or `Code(...)` for inline code.
"""

import difflib
import html
import re

from .common import markdown_table

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
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem;
        display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre, code { font: .85rem/1.35 ui-monospace, monospace; }
p code, li code { overflow-wrap: anywhere; }
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


class Strong(str):
    """Text to stress (a warning's first word)."""


def _inline_html(part):
    if isinstance(part, Code):
        return f"<code>{html.escape(part)}</code>"
    if isinstance(part, Bad):
        return f'<span class="bad">{html.escape(part)}</span>'
    if isinstance(part, Good):
        return f'<span class="good">{html.escape(part)}</span>'
    if isinstance(part, Strong):
        return f"<strong>{html.escape(part)}</strong>"
    if isinstance(part, Link):
        return (f'<a href="{html.escape(part.href, quote=True)}">'
                f"{html.escape(part.text)}</a>")
    return html.escape(str(part))


def _inline_md(part):
    if isinstance(part, Code):
        return f"`{part}`"
    if isinstance(part, (Bad, Good, Strong)):
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
    def __init__(self, title, banner=""):
        """`banner`: what makes this document incomplete (a partial report,
        an interrupted run), shown first in red; empty when complete."""
        self.title = title
        self.banner = banner
        self.blocks = []  # (kind, payload)

    # ------------------------------------------------------------ building
    def section(self, title):
        self.blocks.append(("h2", title))

    def subsection(self, title, level=3):
        """A heading under a section: level 3, or 4 under a level-3 one."""
        self.blocks.append((f"h{level}", title))

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

    def image(self, caption, path):
        """A chart kept in a file beside the document: an image in
        Markdown, a link in HTML."""
        self.blocks.append(("image", (caption, path)))

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
        if self.banner:
            out.append(f'<p class="partial" id="partial">'
                       f"{html.escape(self.banner)}</p>")
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
        if kind in ("h3", "h4"):
            return f"<{kind}>{html.escape(payload)}</{kind}>"
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
        if kind == "image":
            caption, path = payload
            return (f'<p><a href="{html.escape(path, quote=True)}">'
                    f"{html.escape(caption)}</a></p>")
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
        if self.banner:
            out += [f"**{self.banner}**", ""]
        for kind, payload in self.blocks:
            out += self._md_block(kind, payload) + [""]
        return "\n".join(out)

    def _md_block(self, kind, payload):
        if kind == "h2":
            return [f"## {payload}"]
        if kind in ("h3", "h4"):
            return ["#" * int(kind[1]) + f" {payload}"]
        if kind in ("p", "note"):
            text = "".join(map(_inline_md, payload))
            return [f"> {text}" if kind == "note" else text]
        if kind == "ul":
            return ["- " + "".join(map(_inline_md, item)) for item in payload]
        if kind == "table":
            header, rows, numeric = payload
            return markdown_table(
                header, [["".join(map(_inline_md, _parts(c))) for c in row]
                         for row in rows], numeric)
        if kind == "pre":
            return ["```", payload.rstrip("\n"), "```"]
        if kind == "figure":
            _, caption, md_path = payload
            return [f"![{caption}]({md_path})" if md_path else caption]
        if kind == "image":
            return ["![{}]({})".format(*payload)]
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
