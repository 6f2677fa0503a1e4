"""A histogram of the students' totals as PNG (matplotlib, Agg backend: no display needed)."""
from __future__ import annotations


def histogram_png(totals: list, maximum: float, path) -> str | None:
    """Write the PNG at `path`; returns a note instead when matplotlib is missing (it is in the dev extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (pip install 'qbank[dev]'): no histogram"
    figure, axes = plt.subplots(figsize=(6, 3.5))
    axes.hist(totals, bins=min(20, max(5, len(totals) // 5)), range=(0, maximum) if maximum > 0 else None,
              color="#4477aa", edgecolor="white")  # no range for a key worth 0 points: matplotlib picks one
    axes.set_xlabel(f"total points (of {maximum:g})")
    axes.set_ylabel("students")
    axes.set_title(f"Totals of {len(totals)} graded students")
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(figure)
    return None
