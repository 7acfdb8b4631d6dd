"""The throughput charts of scripts/bench-report (matplotlib, SVG)."""

from ..plots import pyplot, save
from .grid import (MAIN_HOST_INFO, label, latency_label, rate,
                       round_trip_ns)

# One colour per strategy in every chart; light construction is dashed.
COLOURS = {"shared_unsafe": "black", "locked": "tab:red",
           "copying": "tab:blue", "per_request": "tab:green",
           "thread_local": "tab:orange", "pool": "tab:purple"}


# ---------------------------------------------------------------- charts


def log_log_axes(ax, threads):
    """Threads on a log2 x axis, requests/s on a log y axis, both labelled
    with plain numbers (1, 2, 4 ...; 9.47k, 230k)."""
    import matplotlib.ticker
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(threads)
    ax.set_xticklabels([str(t) for t in threads])
    ax.yaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda y, _: rate(y) if y else "0"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())


def chart(grid, params, latency_us, round_trip, context, path):
    plt = pyplot()

    fig, ax = plt.subplots(figsize=(8, 5))
    threads = grid.threads
    best_one_thread = 0
    for strategy, host_info in grid.rows(params, latency_us):
        points = [(t, grid.rate(strategy, params, latency_us, t, host_info))
                  for t in threads]
        points = [(t, r) for t, r in points if r]
        if not points:
            continue
        xs, ys = zip(*points)
        if strategy == "shared_unsafe":
            ax.axhline(ys[0], color="black", linestyle=":", linewidth=1)
            ax.plot(xs, ys, "k*", markersize=12,
                    label="shared_unsafe (the bug; 1 thread only)")
            continue
        if xs[0] == threads[0]:
            best_one_thread = max(best_one_thread, ys[0])
        style = "--" if host_info != MAIN_HOST_INFO else "-"
        ax.plot(xs, ys, style, marker="o", label=label(strategy, host_info),
                color=COLOURS.get(strategy))
    trip_ns = round_trip_ns(round_trip, latency_us)
    if latency_us > 0 and trip_ns:
        ax.axhline(1e9 / trip_ns, color="grey", linestyle="-.",
                   linewidth=1, label="one request at a time "
                   "(1 / measured round trip)")
    # Perfect scaling: N x the best 1-thread throughput on N threads. On
    # log-log axes it is a straight line, and so is any strategy that keeps
    # a constant fraction of it.
    if best_one_thread:
        ax.plot(threads, [best_one_thread * t / threads[0] for t in threads],
                color="lightgrey", linestyle="--", linewidth=1.5, zorder=0,
                label="ideal: N x the best 1-thread rate")
    log_log_axes(ax, threads)
    ax.set_xlabel("caller threads sharing one service")
    ax.set_ylabel("requests per second (median of repetitions, log scale)")
    ax.set_title(f"GoodsDetail throughput vs threads: "
                 f"{latency_label(latency_us)}, {params} params per request")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    cpus = context.get("num_cpus", "?")
    fig.text(0.01, 0.01, f"{cpus} CPUs ({context.get('racelab_cpu_model', '?')}"
             f"), racelab {context.get('racelab_build_type', '?')} build",
             fontsize=7, color="grey")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    save(fig, path)
