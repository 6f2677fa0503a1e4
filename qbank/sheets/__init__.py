"""Scannable answer sheets: which parts a sheet asks for, where every box sits, the LaTeX that draws them,
and sheet_layout.json, the contract `qbank scan` (qbank/scan/) and other tools read."""
