#!/usr/bin/env bash
# Installs what qbank needs on a fresh Debian machine: TeX Live (for PDFs) when
# pdflatex is missing and we may use apt-get, then qbank itself with its extras.
set -euo pipefail
cd "$(dirname "$0")"
tex_packages=(texlive-latex-extra texlive-latex-recommended texlive-fonts-recommended lmodern latexmk poppler-utils)
if ! command -v pdflatex >/dev/null || ! command -v latexmk >/dev/null || ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing TeX Live from Debian's packages (a few minutes, once)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tex_packages[@]}" >/dev/null
  else
    echo "setup: no pdflatex; PDFs will be skipped. Install: sudo apt-get install ${tex_packages[*]}" >&2
  fi
fi
# The practice page's browser test drives Debian's chromium (never a test tool's own browser download).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
  else
    echo "setup: no chromium; the browser test will be skipped. Install: sudo apt-get install chromium chromium-driver" >&2
  fi
fi
# torch is pinned in the train extra (torch==2.13.0): the CPU wheel, never the CUDA one.
python3 -m pip install -q --disable-pip-version-check -e ".[dev,train]"
