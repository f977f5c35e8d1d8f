"""The arithmetic of representation, free of Django so it can be checked by hand.

Representation ratio of a group = the group's share of the participants whose group is known
÷ the group's share of the population. 1 means "in proportion", 0.5 "half as many as their
share of the residents would suggest". The uncertainty is a 95 % Wilson score interval on the
participants' share (it behaves at 0 and at small n, unlike the normal approximation),
divided by the population share like the estimate: the population share is a register count
of the whole population, so its own error is negligible next to the sample's.
"""

import math
from dataclasses import dataclass

from luotsi.insights.models import LanguageGroup

Z_95 = 1.959963984540054
# Below this many participants with a known group the interval is wide: the ratio is shown
# but flagged, so that a handful of people does not read as a finding.
SMALL_SAMPLE = 30


def language_group(code: str | None, *, needs: bool = False) -> str:
    """The statistics' language group of a language of contact (a proxy for the mother
    tongue): fi (and plain Finnish) or Sami → Finnish or Sami; sv → Swedish; any other
    language, or a stated need for language help → other languages; none → not known."""
    code = (code or "").strip().lower()
    if needs:
        return LanguageGroup.FOREIGN
    if not code:
        return LanguageGroup.UNKNOWN
    if code == "fi" or code.startswith("fi-") or code in ("se", "smn", "sms", "smi"):
        return LanguageGroup.FINNISH
    if code == "sv" or code.startswith("sv-"):
        return LanguageGroup.SWEDISH
    return LanguageGroup.FOREIGN


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a proportion successes/n (n > 0)."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Representation:
    count: int
    known: int  # participants whose group is known: the denominator of the share
    population_share: float
    share: float
    share_low: float
    share_high: float

    @property
    def ratio(self) -> float:
        return self.share / self.population_share

    @property
    def ratio_low(self) -> float:
        return self.share_low / self.population_share

    @property
    def ratio_high(self) -> float:
        return self.share_high / self.population_share

    @property
    def small_sample(self) -> bool:
        return self.known < SMALL_SAMPLE

    @property
    def verdict(self) -> str:
        """under / over / in proportion, judged by the interval, not the point estimate."""
        if self.ratio_high < 1:
            return "under"
        if self.ratio_low > 1:
            return "over"
        return "proportional"


def representation(count: int, known: int, population_share: float | None) -> Representation | None:
    """None when there is nothing to compare (nobody with a known group, or no population
    share for the group)."""
    if known <= 0 or not population_share:
        return None
    low, high = wilson_interval(count, known)
    return Representation(
        count=count,
        known=known,
        population_share=population_share,
        share=count / known,
        share_low=low,
        share_high=high,
    )


def per_thousand(count: int, population: int | None) -> float | None:
    if not population:
        return None
    return count / population * 1000
