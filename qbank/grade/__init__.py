"""Grading: responses CSV against key.json, per-student report, item analysis and histogram."""
from qbank.grade.run import GradeRun, grade

__all__ = ["GradeRun", "grade"]
