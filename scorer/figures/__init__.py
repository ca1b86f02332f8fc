"""Figures: the rubric's metrics read from a report, their targets, and rates that do not add up.

- `values`: each metric's values, linked to the label that names them (extract_metrics);
- `targets`: a warning for a value that misses its metric's target (target_findings);
- `rates`: a printed rate recomputed from the counts it is printed beside (check_consistency,
  rate_checks);
- `view`: a sentence's clauses and numbers, which the metric reader and the rate checker share.
"""

from .rates import RateCheck, check_consistency, rate_checks
from .targets import target_findings
from .values import extract_metrics

__all__ = ["RateCheck", "check_consistency", "extract_metrics", "rate_checks", "target_findings"]
