"""The "over the wire" part of scripts/bench-report: wire_benchmark's
results (the client fixes in process and over a loopback HTTP server, and
the CURL handle strategies) as tables, a reading and a chart."""

import re

from ..document import Code
from ..plots import pyplot, save
from .chart import log_log_axes
from .grid import rate, ratio

WIRE_NAME = re.compile(
    r"^wire/(?P<kind>client|handles):(?P<strategy>[a-z_]+)"
    r"/transport:(?P<transport>inproc|http)"
    r"/manual_time/threads:(?P<threads>\d+)$")

CLIENT_ORDER = ("per_request", "locked", "copying", "thread_local", "pool")
HANDLE_ORDER = ("per_request", "per_thread", "pool", "curl_share")
HANDLE_LABELS = {
    "per_request": "handle per request (a connection per request)",
    "per_thread": "handle per thread (keep-alive per thread)",
    "pool": "pool of 4 handles",
    "curl_share": "handle per request + CURLSH connection cache",
}
CLIENT_WIRE = {
    "per_request": "a client, so a handle and a connection, per request",
    "locked": "one client, one handle, one connection, a lock",
    "copying": "one immutable client; idle handles borrowed per request",
    "thread_local": "a client, so a handle, per thread",
    "pool": "4 clients, 4 handles",
}


class WireGrid:
    """wire_benchmark's cells: (kind, strategy, transport, threads) -> Stat."""

    def __init__(self, stats):
        self.cells = {}
        self.errors = {}
        for run, stat in stats.items():
            m = WIRE_NAME.match(run)
            if not m:
                continue
            key = (m["kind"], m["strategy"], m["transport"], int(m["threads"]))
            if stat.error:
                self.errors[run] = stat
            else:
                self.cells[key] = stat
        self.threads = sorted({k[3] for k in self.cells})

    def __bool__(self):
        return bool(self.cells)

    def rate(self, kind, strategy, transport, threads):
        stat = self.cells.get((kind, strategy, transport, threads))
        return stat.median_rate if stat else None

    def connections(self, kind, strategy, transport, threads):
        stat = self.cells.get((kind, strategy, transport, threads))
        if not stat:
            return None
        return stat.counters.get("connections_per_request")


def _conn(value):
    """New connections per request: "1.00", or "0.85 ‰" (per 1,000)."""
    if value is None:
        return "–"
    if value >= 0.1:
        return f"{value:.2f}"
    return f"{value * 1000:.2f} ‰"


def client_table(grid):
    t = grid.threads
    header = (["fix", "over"] + [f"{n} thr" for n in t] +
              ["HTTP ÷ in process @1", f"HTTP ÷ in process @{t[-1]}",
               f"connections / request @{t[-1]}"])
    lines = []
    for fix in CLIENT_ORDER:
        for transport, name in (("inproc", "in process"), ("http", "HTTP")):
            rates = [grid.rate("client", fix, transport, n) for n in t]
            if not any(rates):
                continue
            cells = [fix if transport == "inproc" else "", name]
            cells += [rate(r) if r else "–" for r in rates]
            if transport == "http":
                for n in (t[0], t[-1]):
                    here = grid.rate("client", fix, "http", n)
                    there = grid.rate("client", fix, "inproc", n)
                    cells.append(ratio(here / there) if here and there else "–")
                cells.append(_conn(grid.connections("client", fix, "http",
                                                    t[-1])))
            else:
                cells += ["", "", ""]
            lines.append(cells)
    return header, lines, range(2, len(header))


def handle_table(grid):
    t = grid.threads
    header = (["CURL handles (copying client)"] + [f"{n} thr" for n in t] +
              [f"scaling @{t[-1]}", "connections / request @1",
               f"@{t[-1]}"])
    lines = []
    reference = [grid.rate("client", "copying", "inproc", n) for n in t]
    if any(reference):
        lines.append(
            ["in process, no wire (reference)"]
            + [rate(r) if r else "–" for r in reference]
            + [ratio(reference[-1] / reference[0])
               if reference[0] and reference[-1] else "–", "–", "–"])
    for strategy in HANDLE_ORDER:
        rates = [grid.rate("handles", strategy, "http", n) for n in t]
        if not any(rates):
            continue
        cells = [HANDLE_LABELS[strategy]]
        cells += [rate(r) if r else "–" for r in rates]
        cells.append(ratio(rates[-1] / rates[0])
                     if rates[0] and rates[-1] else "–")
        cells.append(_conn(grid.connections("handles", strategy, "http",
                                            t[0])))
        cells.append(_conn(grid.connections("handles", strategy, "http",
                                            t[-1])))
        lines.append(cells)
    return header, lines, range(1, len(header))


def reading(grid):
    t = grid.threads
    top = t[-1]
    out = []
    c_in, c_http = (grid.rate("client", "copying", "inproc", t[0]),
                    grid.rate("client", "copying", "http", t[0]))
    if c_in and c_http:
        out.append(
            f"On one thread a loopback round trip costs "
            f"{1e6 / c_http - 1e6 / c_in:.0f} µs more than the in-process "
            f"double ({rate(c_http)} against {rate(c_in)} requests/s for the "
            f"copying client): the wire, not the client, sets the pace, so "
            f"the differences between fixes that matter in process shrink.")
    per_req = grid.rate("handles", "per_request", "http", top)
    per_thread = grid.rate("handles", "per_thread", "http", top)
    if per_req and per_thread:
        out.append(
            f"At {top} threads a handle per request, which opens a "
            f"connection per request, delivers {rate(per_req)} requests/s; "
            f"keeping one handle (one connection) per thread delivers "
            f"{rate(per_thread)} ({ratio(per_thread / per_req)}).")
    fix_req = grid.rate("client", "per_request", "http", top)
    fix_tl = grid.rate("client", "thread_local", "http", top)
    if fix_req and fix_tl:
        out.append(
            f"The seed's fix, a client per request, pays the same price one "
            f"layer up: {rate(fix_req)} requests/s at {top} threads against "
            f"{rate(fix_tl)} for a client per thread.")
    share = grid.connections("handles", "curl_share", "http", top)
    share1 = grid.connections("handles", "curl_share", "http", t[0])
    if share is not None and share1 is not None:
        out.append(
            f"The CURLSH connection cache lets per-request handles reuse "
            f"connections: {_conn(share1)} new connections per request on "
            f"one thread, {_conn(share)} at {top} threads"
            + (" (it degrades towards a connection per request: the cache "
               "holds fewer connections than there are threads)"
               if share > 0.1 else "") + ".")
    locked = [grid.rate("client", "locked", "http", n) for n in t]
    locked = [r for r in locked if r]
    if locked and c_http:
        out.append(
            f"The locked client sends one request at a time over its one "
            f"connection: {rate(min(locked))}–{rate(max(locked))} requests/s "
            f"whatever the thread count.")
    return " ".join(out)


def add_to(doc, grid, heading, charts):
    """Adds "Over the wire" to `doc`; `heading(depth, title)` places its
    headings (scripts/racelab_tools/bench/report.py's Headings)."""
    heading(0, "Over the wire: in process vs a loopback HTTP server")
    doc.para("wire_benchmark: the same GoodsDetail request through each fix "
             "in process (the router double) and over HTTP/1.1 on 127.0.0.1 "
             "(libcurl to ", Code("racelab serve"), ", cpp-httplib, 64 "
             "workers), light construction; then the shared-handle "
             "exhibit's cures under the copying client. Median requests/s "
             "over the repetitions, all threads together; connections / "
             "request counts new TCP connections (CURLINFO_NUM_CONNECTS; ‰: "
             "per 1,000 requests).")
    heading(1, "Reading")
    doc.para(reading(grid))
    heading(1, "The client fixes, in process and over HTTP")
    doc.para("Over HTTP each client object keeps one easy handle: " +
             "; ".join(f"{k}: {v}" for k, v in CLIENT_WIRE.items()) + ".")
    doc.table(*client_table(grid))
    heading(1, "CURL handle strategies over HTTP")
    doc.table(*handle_table(grid))
    if charts:
        doc.image("chart", "chart-wire.svg")
    if grid.errors:
        doc.para("These wire benchmarks failed their own checks:")
        doc.bullets([[Code(s.name), f": {s.error}"]
                     for s in grid.errors.values()])


def chart(grid, context, path):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 5))
    t = grid.threads
    series = [("in process (copying client, no wire)",
               [grid.rate("client", "copying", "inproc", n) for n in t],
               "black", ":")]
    colours = {"per_request": "tab:green", "per_thread": "tab:orange",
               "pool": "tab:purple", "curl_share": "tab:blue"}
    for strategy in HANDLE_ORDER:
        series.append((HANDLE_LABELS[strategy],
                       [grid.rate("handles", strategy, "http", n) for n in t],
                       colours[strategy], "-"))
    for name, rates, colour, style in series:
        points = [(n, r) for n, r in zip(t, rates) if r]
        if points:
            xs, ys = zip(*points)
            ax.plot(xs, ys, style, marker="o", color=colour, label=name)
    log_log_axes(ax, t)
    ax.set_xlabel("caller threads")
    ax.set_ylabel("requests per second (median, log scale)")
    ax.set_title("Over the wire: CURL handle strategies vs in process")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    fig.text(0.01, 0.01, f"{context.get('num_cpus', '?')} CPUs, loopback "
             f"HTTP/1.1, racelab {context.get('racelab_build_type', '?')} "
             f"build", fontsize=7, color="grey")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    save(fig, path)
