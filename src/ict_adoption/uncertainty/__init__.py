"""How robust is a rank? Uncertainty and variance-based sensitivity of rankings and classes.

Declare the uncertain choices (:class:`UncertainInputs`: weight ranges per group or
weights drawn together from a Dirichlet distribution keeping their total, threshold
ranges per class, the treatment of a missing value as a choice (:class:`MissingChoice`),
another rule for a criterion as a choice (:class:`RuleChoice`);
or :func:`default_inputs`, ranges for the rubric's *assumed* values), then run :func:`uncertainty` (Monte Carlo: median rank, 5–95 %
interval, class probabilities, mean rank shift per bloc) or :func:`sensitivity`
(first-order and total Sobol indices, SALib's design and estimators). Every sample is
evaluated exactly, in integers, with the core's ranking kernel; see ``docs/guide/uncertainty.md``.
"""

from __future__ import annotations

from .analysis import UncertaintyResult, uncertainty
from .evaluate import WEIGHT_Q, evaluate_batch
from .executors import EvaluationError
from .inputs import (
    DirichletWeights,
    ThresholdRange,
    UncertainInputError,
    UncertainInputs,
    WeightRange,
    load_inputs,
)
from .choices import MissingChoice, RuleChoice
from .defaults import default_inputs
from .sensitivity import SensitivityResult, sensitivity

__all__ = [
    "DirichletWeights",
    "EvaluationError",
    "MissingChoice",
    "RuleChoice",
    "SensitivityResult",
    "ThresholdRange",
    "UncertainInputError",
    "UncertainInputs",
    "UncertaintyResult",
    "WEIGHT_Q",
    "WeightRange",
    "default_inputs",
    "evaluate_batch",
    "load_inputs",
    "sensitivity",
    "uncertainty",
]
