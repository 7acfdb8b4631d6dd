"""The benchmark report's prose: a reading of the in-process results, every
statement derived from the numbers, and the goals the benchmarks were built
to check (reported, never asserted)."""

import statistics

from .. import stats
from .grid import (is_flat, latency_label, locked_rates, micros, rate, ratio,
                   round_trip_ns)


def reading(grid, construction, round_trip, context):
    """One paragraph, every statement derived from the numbers."""
    if not grid.params:
        return "The run holds no strategy benchmarks."
    params = grid.params[0]
    cpus = context.get("num_cpus")
    top = grid.threads[-1] if grid.threads else 1
    sentences = []

    floor = grid.rate("shared_unsafe", params, 0, 1)
    if floor:
        sentences.append(
            f"One request through the shared, unsafe client (the bug) takes "
            f"{micros(1e9 / floor)} on one thread ({rate(floor)} requests/s): "
            f"the cost floor with no safety at all.")
    copying1 = grid.rate("copying", params, 0, 1)
    copying2 = grid.rate("copying", params, 0, 2)
    if floor and copying1:
        r = copying1 / floor
        verdict = ("no slower" if r >= 1.0 else
                   "within 5% of it" if r >= 0.95 else
                   f"{(1 - r) * 100:.0f}% slower")
        sentence = (f"Request-scoped state (copying) runs at {ratio(r)} of "
                    f"that on one thread ({verdict})")
        if copying2:
            sentence += (f" and reaches {ratio(copying2 / copying1)} its own "
                         f"one-thread throughput at two threads")
        sentence += " with no round trip"
        if cpus and top > cpus:
            sentence += (f"; beyond {cpus} threads this {cpus}-core machine "
                         f"has no more cores to give")
        sentences.append(sentence + ".")

    for latency in [l for l in grid.latencies if l > 0][-1:]:
        locked = locked_rates(grid, params, latency)
        trip_ns = round_trip_ns(round_trip, latency)
        if locked:
            low, high = min(locked), max(locked)
            if is_flat(locked):
                sentence = (f"With a {latency_label(latency)} the lock caps "
                            f"throughput at ~{rate(statistics.median(locked))}"
                            f" requests/s whatever the thread count")
            else:
                sentence = (f"With a {latency_label(latency)} the lock "
                            f"delivers {rate(low)} to {rate(high)} "
                            f"requests/s across thread counts")
            if trip_ns:
                sentence += (f" (one request at a time: 1 / measured round "
                             f"trip of {micros(trip_ns)} = "
                             f"{rate(1e9 / trip_ns)}/s)")
            copying_top = grid.rate("copying", params, latency, top)
            locked_top = grid.rate("locked", params, latency, top)
            if copying_top and locked_top:
                sentence += (f", while copying reaches {rate(copying_top)} at "
                             f"{top} threads ({ratio(copying_top / locked_top)}"
                             f" the lock): waiting for the network needs no "
                             f"core, so it overlaps")
            sentences.append(sentence + ".")
        pool_top = grid.rate("pool", params, latency, top)
        pool_size = context.get("racelab_pool_size")
        if pool_top and pool_size and trip_ns:
            cap = int(pool_size) * 1e9 / trip_ns
            sentences.append(
                f"The pool of {pool_size} clients tops out at {rate(pool_top)} "
                f"requests/s at {top} threads, against a ceiling of "
                f"{pool_size} / round trip = {rate(cap)}/s.")

    heavy = grid.rate("per_request", params, 0, 1, "gathered")
    light = grid.rate("per_request", params, 0, 1, "skipped")
    if heavy and light:
        sentence = (f"The seed's fix, a client per request, runs at "
                    f"{ratio(heavy / light)} of the same fix with light "
                    f"construction on one thread with no round trip: "
                    f"gathering host information in every constructor adds "
                    f"{micros(1e9 / heavy - 1e9 / light)} to each request")
        built = construction.get("gathered")
        if built and not built.error:
            sentence += (f" (one construction alone: "
                         f"{micros(built.median_time_ns)})")
        slow = [l for l in grid.latencies if l > 0]
        if slow:
            heavy_slow = grid.rate("per_request", params, slow[-1], 1,
                                   "gathered")
            light_slow = grid.rate("per_request", params, slow[-1], 1,
                                   "skipped")
            if heavy_slow and light_slow:
                sentence += (f"; behind a {latency_label(slow[-1])} the "
                             f"ratio is {ratio(heavy_slow / light_slow)}")
        sentences.append(sentence + ".")
    if copying1 and heavy:
        sentences.append(
            f"Per request, construction makes the seed's fix "
            f"{ratio(copying1 / heavy)} slower than request-scoped state, "
            f"which builds its client once.")
    return " ".join(sentences)


# ----------------------------------------------------------------- goals


def measured(grid, *key):
    """(median rate, each repetition's rate) of one cell of a strategy grid
    or a cost grid (`key` as its rate() takes it)."""
    return grid.rate(*key), grid.samples(*key)


def copying_goals(floor, copying1, copying2, floor_name, condition):
    """The two copying goals with no wait, each cell from measured()."""
    rows = []
    if floor[0] and copying1[0]:
        rows.append(ratio_goal(
            f"copying ≥ 0.95× {floor_name}, 1 thread, {condition}",
            copying1, floor, 0.95))
    if copying1[0] and copying2[0]:
        rows.append(ratio_goal(
            f"copying at 2 threads ≥ 1.8× its 1 thread, {condition}",
            copying2, copying1, 1.8))
    return rows


def ratio_goal(goal_text, numerator, denominator, goal, note=""):
    """A goal row for a ratio of two medians that must reach `goal`:
    numerator and denominator are (median, [each repetition's rate]). The
    measured cell gives the bootstrap 95% interval where there are enough
    repetitions, and the status says when that interval spans the goal."""
    value = numerator[0] / denominator[0]
    interval = stats.median_ratio_interval(numerator[1], denominator[1])
    measured = ratio(value)
    if interval:
        measured += f" (95%: {ratio(interval[0])}–{ratio(interval[1])})"
    return (goal_text, measured + note,
            stats.goal_status(value, goal, interval))


def goals(grid, round_trip):
    """Rows (goal, measured, status) for the issue's stated goals."""
    rows = []
    if not grid.params:
        return rows
    p = grid.params[0]
    rows += copying_goals(measured(grid, "shared_unsafe", p, 0, 1),
                          measured(grid, "copying", p, 0, 1),
                          measured(grid, "copying", p, 0, 2),
                          "shared_unsafe", "no round trip")
    for latency in [l for l in grid.latencies if l > 0]:
        locked = locked_rates(grid, p, latency)
        trip_ns = round_trip_ns(round_trip, latency)
        if locked and trip_ns:
            ceiling = 1e9 / trip_ns
            flat = is_flat(locked)
            near = max(locked) <= ceiling * 1.05
            rows.append((f"locked flat at ~1 / round trip "
                         f"({latency_label(latency)})",
                         f"{rate(min(locked))}–{rate(max(locked))} req/s over "
                         f"{grid.threads[0]}–{grid.threads[-1]} threads; "
                         f"1 / round trip = {rate(ceiling)}",
                         "as expected" if flat and near else "NOT as expected"))
        for strategy in ("copying", "per_request"):
            one = grid.rate(strategy, p, latency, 1)
            top_t = grid.threads[-1]
            top = grid.rate(strategy, p, latency, top_t)
            if one and top:
                rows.append((f"{strategy} scales with threads "
                             f"({latency_label(latency)})",
                             f"{ratio(top / one)} at {top_t} threads vs 1",
                             "scales" if top / one >= 0.5 * top_t
                             else "does NOT scale fully"))
    heavy = grid.rate("per_request", p, 0, 1, "gathered")
    light = grid.rate("per_request", p, 0, 1, "skipped")
    if heavy and light:
        rows.append(("per_request, faithful vs light construction (the "
                     "seed fix's hidden price), 1 thread, no round trip",
                     ratio(heavy / light), "reported"))
    return rows


def api_goals(cost_grids):
    """Rows (goal, measured, status) for the exhibit measured through
    racelab::Costs (bench/exhibit_costs_benchmark.cc): the copying fix
    shared by every thread against the buggy client's one-thread floor, in
    the same run. [] when the run priced neither."""
    by_name = {g.name: g for g in cost_grids}
    bug, copying = by_name.get("UnionService"), by_name.get("CopyingUnionService")
    if not bug or not copying:
        return []
    rows = copying_goals(measured(bug, "shared_unlocked", 0, 1),
                         measured(copying, "shared_safe", 0, 1),
                         measured(copying, "shared_safe", 0, 2),
                         "the unsafe client", "no wait")
    slow = [w for w in copying.waits if w > 0]
    if slow:
        wait = slow[-1]
        top = copying.threads[-1] if copying.threads else 0
        w1 = measured(copying, "shared_safe", wait, 1)
        wtop = measured(copying, "shared_safe", wait, top)
        if w1[0] and wtop[0] and top >= 16:
            rows.append(ratio_goal(
                f"copying ≥ 15× of {top} behind a {wait} µs wait",
                wtop, w1, 15, f" at {top} threads vs 1"))
    return rows
