"""The benchmark's printed output: one table with ratios to the floor, then the targets.

Uncached rows are compared with the floor view; cached rows with the floor serving a
constant body (the least any cache hit can cost through the same middleware).
"""

from bench.measure import Target

COLUMNS = (
    f"{'operation':<15} {'variant':<21} {'queries':>7} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'cpu p50':>8} {'p50/ref':>8} {'req/s':>8} {'rps/ref':>8}  ref"
)


def reference(target: Target, by_key: dict) -> Target:
    name = "floor constant" if target.cache else "floor"
    return by_key[target.operation, name]


def _ratio(value: float | None, ref: float | None) -> str:
    if value is None or not ref:
        return "-"
    return f"{value / ref:.2f}x"


def print_table(targets: list[Target]) -> None:
    by_key = {(t.operation, t.variant): t for t in targets}
    print(COLUMNS)
    print("-" * len(COLUMNS))
    previous = None
    for target in targets:
        ref = reference(target, by_key)
        is_ref = ref is target
        print(
            f"{target.operation if target.operation != previous else '':<15} "
            f"{target.variant:<21} {target.queries:>7} {len(target.timings):>3} "
            f"{target.p50:>8.2f} {target.p95:>8.2f} {target.cpu_p50:>8.2f} "
            f"{'' if is_ref else _ratio(target.p50, ref.p50):>8} "
            f"{f'{target.rps:.0f}' if target.rps is not None else '-':>8} "
            f"{'' if is_ref else _ratio(target.rps, ref.rps):>8}  "
            f"{'' if is_ref else ref.variant}"
            + (f"  [{target.wrk_note}]" if target.wrk_note else "")
        )
        previous = target.operation
    print()


def _verdict(ok: bool) -> str:
    return "holds" if ok else "MISSES"


def print_targets(targets: list[Target]) -> None:
    """Each target of the issue, with the measured figure and by how much it holds or misses."""
    by_key = {(t.operation, t.variant): t for t in targets}
    operations = list(dict.fromkeys(t.operation for t in targets))
    print("targets")
    for op in operations:
        gql, floor = by_key[op, "GraphQL uncached"], by_key[op, "floor"]
        rest = by_key[op, "REST API v2"]
        ratio = gql.p50 / floor.p50
        print(f"  {op}: uncached p50 <= 2x floor: {ratio:.2f}x -> {_verdict(ratio <= 2)}")
        faster = rest.p50 / gql.p50
        print(f"  {op}: >= 2x faster than REST API v2: {faster:.2f}x -> {_verdict(faster >= 2)}")
        cached, constant = by_key[op, "GraphQL cached"], by_key[op, "floor constant"]
        if cached.rps and constant.rps:
            share = cached.rps / constant.rps
            print(
                f"  {op}: cached rps >= 0.8x floor constant: {share:.2f}x "
                f"-> {_verdict(share >= 0.8)}"
            )
        redis = by_key.get((op, "GraphQL cached Redis"))
        if redis is not None and redis.rps and constant.rps:
            share = redis.rps / constant.rps
            print(f"  {op}: (Redis) cached rps vs floor constant: {share:.2f}x (information)")
    small, large = (
        by_key["open calls 20", "GraphQL uncached"],
        by_key["open calls 100", "GraphQL uncached"],
    )
    rest_small, rest_large = (
        by_key["open calls 20", "REST API v2"],
        by_key["open calls 100", "REST API v2"],
    )
    flat = small.queries == large.queries
    print(
        f"  query counts flat (GraphQL listing 20 vs 100): {small.queries} vs {large.queries} "
        f"-> {_verdict(flat)}   (REST API v2: {rest_small.queries} vs {rest_large.queries})"
    )
    print()


def profile(targets: list[Target], requests: int = 20) -> None:
    """Where the time of the uncached GraphQL requests goes (pyinstrument, if installed)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("--profile needs pyinstrument: .venv/bin/pip install pyinstrument")
        return
    from django.test import Client

    client = Client()
    for target in targets:
        if target.variant != "GraphQL uncached":
            continue
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(requests):
                client.get(target.url)
        print(f"--- profile: {target.operation}, {requests} requests")
        print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))
