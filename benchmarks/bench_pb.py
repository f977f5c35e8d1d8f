"""Participatory budgeting: our counting engine versus pabutools on Helsinki-scale profiles.

Synthetic OmaStadi-like elections: skewed (Zipf-like) project popularity, 1-10 approvals per
ballot, log-normal costs (median 90,000 €) rounded to 1,000 € and capped at half the budget.
pabutools runs on the same data in the same run and outcomes must be identical; the speed-up is
pabutools' time over ours (its conversion to pabutools objects is not counted). pabutools is
timed on every rule on the 50,000 × 80 profile; on 200,000 × 300 only on plain MES (about a
minute and 2 GB; its greedy and Phragmén take minutes, MES+Add1 most of an hour). Our times
and peak memory there are measured in a child process (tracemalloc peaks per rule, untraced
times, then the peak RSS), so pabutools' memory does not count.
"""

from __future__ import annotations

import gc
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from luotsi.budgeting.counting import Instance, Profile, Project, count

MEDIAN_COST = 90_000  # OmaStadi proposals: mostly 20,000-500,000 €
SMALL = (50_000, 80, 1_300_000)
LARGE = (200_000, 300, 8_800_000)
CASES: list[tuple[str, str, str]] = [
    ("greedy", "greedy", "none"),
    ("MES", "mes", "none"),
    ("MES+add1-greedy", "mes", "add1-greedy"),
    ("Phragmén", "phragmen", "none"),
]


def synthetic(
    voters: int, projects: int, budget: int, seed: int = 2026
) -> tuple[Instance, Profile]:
    rng = np.random.default_rng(seed)
    costs = np.round(rng.lognormal(np.log(MEDIAN_COST), 0.9, projects) / 1000) * 1000
    costs = np.clip(costs, 5_000, budget // 2)
    weights = 1.0 / np.arange(1, projects + 1) ** 0.9
    weights = weights[rng.permutation(projects)]
    lengths = np.clip(rng.poisson(3.5, voters) + 1, 1, 10)
    log_w = np.log(weights)
    chunks = []
    for start in range(0, voters, 10_000):
        stop = min(voters, start + 10_000)
        keys = log_w[None, :] + rng.gumbel(size=(stop - start, projects))
        top = np.argsort(-keys, axis=1)[:, :10]
        mask = np.arange(10)[None, :] < lengths[start:stop, None]
        chunks.append(top[mask])
    indices = np.concatenate(chunks).astype(np.int64)
    indptr = np.zeros(voters + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    inst = Instance([Project(f"p{i:03d}", Fraction(int(c))) for i, c in enumerate(costs)], budget)
    return inst, Profile.from_arrays(projects, indptr, indices)


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run() -> list[str]:
    lines: list[str] = []
    try:
        from luotsi.budgeting.tests.counting.pabu import pabutools_rule, to_pabutools
    except ImportError as exc:  # pabutools is a test/bench-only dependency
        return [f"skipped: pabutools is not installed ({exc})"]
    voters, projects, budget = SMALL
    inst, prof = synthetic(voters, projects, budget)
    convert_t, (p_inst, p_prof) = _timed(partial(to_pabutools, inst, prof))
    lines.append(
        f"{voters:,} voters × {projects} projects ({prof.num_distinct:,} distinct ballots), "
        f"budget {budget:,} € (building pabutools' profile: {convert_t:.2f} s, not counted)"
    )
    for label, rule, completion in CASES:
        ours_t, ours = _timed(partial(count, inst, prof, rule, completion))
        theirs_t, theirs = _timed(partial(pabutools_rule, p_inst, p_prof, rule, completion))
        same = "identical" if set(ours.selected) == set(theirs) else "DIFFERENT"
        lines.append(
            f"  {label:<16} ours {ours_t * 1000:8.1f} ms  pabutools {theirs_t:7.2f} s  "
            f"speed-up {theirs_t / ours_t:6.0f}×  outcome {same} ({len(ours.selected)} projects)"
        )
    del p_inst, p_prof
    # The large profile runs in a fresh process so that its peak RSS is ours alone (pabutools'
    # objects above do not count) and no tracing slows the timings down.
    child = subprocess.run(
        [sys.executable, "-c", "from benchmarks.bench_pb import large; large()"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        lines.append(f"large profile failed: {child.stderr.strip().splitlines()[-1:]}")
    else:
        lines.extend(child.stdout.splitlines())
    # One pabutools rule on the large profile (about a minute and 2 GB): plain MES.
    inst, prof = synthetic(*LARGE)
    p_inst, p_prof = to_pabutools(inst, prof)
    ours_t, ours = _timed(partial(count, inst, prof, "mes"))
    theirs_t, theirs = _timed(partial(pabutools_rule, p_inst, p_prof, "mes"))
    same = "identical" if set(ours.selected) == set(theirs) else "DIFFERENT"
    lines.append(
        f"  MES vs pabutools on 200,000 × 300: ours {ours_t * 1000:.1f} ms, pabutools "
        f"{theirs_t:.1f} s, speed-up {theirs_t / ours_t:.0f}×, outcome {same} "
        "(its greedy and Phragmén take 1.5-2.5 min here and MES+Add1 ~45 min, so not run)"
    )
    return lines


def large() -> None:
    """Child process: time our rules on the large profile and print the lines."""
    voters, projects, budget = LARGE
    inst, prof = synthetic(voters, projects, budget)
    print(
        f"{voters:,} voters × {projects} projects ({prof.num_distinct:,} distinct ballots), "
        f"budget {budget:,} €"
    )
    tracemalloc.start()
    for label, rule, completion in CASES[:2] + CASES[3:]:
        tracemalloc.reset_peak()
        count(inst, prof, rule, completion)
        peaks = tracemalloc.get_traced_memory()[1]
        print(f"  {label:<16} traced peak {peaks / 2**20:6.1f} MiB (allocations during the count)")
    tracemalloc.stop()
    for label, rule, completion in CASES:
        ours_t, ours = _timed(partial(count, inst, prof, rule, completion))
        steps = ours.details.get("add1_steps")
        extra = f", {steps} Add1 steps" if steps is not None else ""
        print(f"  {label:<16} ours {ours_t * 1000:8.1f} ms  ({len(ours.selected)} projects{extra})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak RSS of the whole 200,000 × 300 process (interpreter, data, all rules): "
        f"{rss:.0f} MiB"
    )
