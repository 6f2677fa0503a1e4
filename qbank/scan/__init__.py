"""`qbank scan`: read scanned answer sheets (qbank/sheets/) into the responses CSV `qbank grade` reads.

Needs the `scan` extra (OpenCV, zxing-cpp) and poppler's pdftoppm for PDFs;
qbank.scan.deps says what to install when they are missing.
"""
