"""The report's own charts (matplotlib, SVG text kept as text)."""

import io

from ..plots import pyplot, save


def _svg(fig):
    buffer = io.StringIO()
    save(fig, buffer, format="svg")
    return buffer.getvalue()


# One colour per kind of run, the same in every chart.
COLOURS = {"forced": "tab:blue", "plain": "tab:orange",
           "incident": "black"}


def detection_times(bars, incident_seconds):
    """Horizontal bars of seconds to first detection, log scale, with the
    incident's time as the last bar. bars: [(label, seconds, kind)]."""
    plt = pyplot()
    rows = [("the incident (production, Go's map check)", incident_seconds,
             "incident")] + sorted(bars, key=lambda b: -b[1])
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(rows) + 1.2))
    labels = [r[0] for r in rows]
    values = [max(r[1], 1e-5) for r in rows]
    colours = [COLOURS[r[2]] for r in rows]
    ax.barh(range(len(rows)), values, color=colours)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("seconds to first detection (log scale; median over runs)")
    for y, v in enumerate(values):
        text = (f"{v / 3600:.1f} h" if v >= 3600 else f"{v:.2f} s"
                if v >= 1 else f"{v * 1000:.1f} ms" if v >= 1e-3
                else f"{v * 1e6:.0f} µs")
        ax.text(v, y, " " + text, va="center", fontsize=8)
    ax.set_xlim(right=max(values) * 20)
    ax.grid(True, axis="x", alpha=0.3)
    handles = [plt.Rectangle((0, 0), 1, 1, color=COLOURS[k]) for k in
               ("forced", "plain", "incident")]
    ax.legend(handles, ["forced seed interleaving", "plain stress",
                        "the incident"], fontsize=8, loc="lower right")
    fig.tight_layout()
    return _svg(fig)
