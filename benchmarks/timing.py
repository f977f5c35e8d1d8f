import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int = 7, number: int = 50) -> float:
    """Median over `repeat` rounds of the mean time of `number` calls (after one warm-up)."""
    action()
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            action()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)
