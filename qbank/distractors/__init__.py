"""Numeric questions asked as single choice, with distractors computed from modelled mistakes."""
from qbank.distractors.choice import as_choice
from qbank.distractors.registry import mistake, mistakes_for

__all__ = ["as_choice", "mistake", "mistakes_for"]
