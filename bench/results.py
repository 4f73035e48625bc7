"""What a run measured, and the statistics read from it: medians and paired ratios."""

from dataclasses import dataclass
from statistics import median

from .cases import power_of_ten

# The targets. Ratios are dark's time over the other engine's.
W3_VS_MICROGRAD = 0.18
W3_VS_TORCH = 0.35
DEEP_CHAIN_VS_MICROGRAD = 1.0
BYTES_PER_NODE = 170
SCALING = 1.3


@dataclass
class Results:
    stage: str
    repeat: int
    cases: list  # Case, in the order they ran
    engines: list  # names of the engines that ran, dark first
    versions: dict  # engine name -> version text
    missing: dict  # engine name -> why it did not run
    timings: dict  # case label -> engine name -> nanoseconds per repetition
    memory: dict  # engine name -> (bytes per node after forward, after backward) or why not
    survives: dict  # engine name -> whether W1 at deep_n ran under the default recursion limit
    cycles: dict  # engine name -> objects per node the cyclic GC freed after W1 at shallow_n
    deep_n: int
    shallow_n: int
    default_limit: int
    raised_limit: int
    machine: dict

    def case(self, workload, gc_enabled=True, largest=True):
        matching = [c for c in self.cases if c.workload == workload and c.gc_enabled == gc_enabled]
        return max(matching, key=lambda c: c.n) if largest else min(matching, key=lambda c: c.n)

    def median_ms(self, case, engine):
        return median(self.timings[case.label][engine]) / 1e6

    def ns_per_node(self, case, engine):
        return median(self.timings[case.label][engine]) / case.nodes

    def paired_ratios(self, case, engine):
        """dark's time over `engine`'s, one ratio per repetition."""
        pairs = zip(self.timings[case.label]["dark"], self.timings[case.label][engine], strict=True)
        return [dark / other for dark, other in pairs]

    def scaling_ratios(self, small, large):
        """dark's ns per node in `large` over that in `small`, one per repetition."""
        pairs = zip(
            self.timings[small.label]["dark"], self.timings[large.label]["dark"], strict=True
        )
        return [(b / large.nodes) / (a / small.nodes) for a, b in pairs]


@dataclass(frozen=True)
class Target:
    name: str
    limit: float
    measured: float | None = None  # None when it could not be measured
    why_not: str = ""

    @property
    def verdict(self):
        if self.measured is None:
            return f"n/a: {self.why_not}"
        return "PASS" if self.measured <= self.limit else "FAIL"


def ratio_target(results, name, case, engine, limit):
    if engine not in results.engines:
        return Target(name, limit, why_not=f"{engine} {results.missing[engine]}")
    return Target(name, limit, median(results.paired_ratios(case, engine)))


def targets(results):
    """The issue's targets, each with what this run measured."""
    step = results.case("W3")
    chain = results.case("W1", gc_enabled=False)
    short_chain = results.case("W1", gc_enabled=False, largest=False)
    forward_bytes, _ = results.memory["dark"]
    scaling = median(results.scaling_ratios(short_chain, chain))
    return [
        ratio_target(
            results, f"{step.label}: dark / micrograd", step, "micrograd", W3_VS_MICROGRAD
        ),
        ratio_target(results, f"{step.label}: dark / torch", step, "torch", W3_VS_TORCH),
        ratio_target(
            results, f"{chain.label}: dark / micrograd", chain, "micrograd", DEEP_CHAIN_VS_MICROGRAD
        ),
        Target(
            f"dark bytes per node after forward, W1 n={power_of_ten(results.deep_n)}",
            BYTES_PER_NODE,
            forward_bytes,
        ),
        Target(
            f"dark ns/node, W1 n={power_of_ten(chain.n)} over "
            f"n={power_of_ten(short_chain.n)}, GC off",
            SCALING,
            scaling,
        ),
    ]
