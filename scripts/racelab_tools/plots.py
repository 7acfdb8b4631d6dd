"""matplotlib as every racelab chart uses it: no display, SVG whose text
stays text (searchable) and whose bytes do not change from run to run."""


def pyplot():
    """matplotlib.pyplot, set up once for racelab's charts."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams["svg.hashsalt"] = "racelab"
    plt.rcParams["svg.fonttype"] = "none"
    return plt


def save(fig, target, **options):
    """Writes `fig` as SVG to `target` (a path or a file object), without
    a date, and closes it."""
    fig.savefig(target, metadata={"Date": None}, **options)
    pyplot().close(fig)
