"""LaTeX to terminal text and to HTML: hand-checked cases, a sweep over every template, and injection safety."""
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.engine.generate import generate
from qbank.engine.render import render_prompt
from qbank.engine.template import all_templates
from qbank.practice.latex_html import latex_to_html
from qbank.practice.latex_split import Segment, split_math
from qbank.practice.latex_text import latex_to_text


@pytest.mark.parametrize("source, text", [
    (r"$\frac{a+b}{c}$", "(a+b)/c"),                  # a compound numerator keeps its parentheses
    (r"$\frac{1}{2} = 0.5$", "1/2 = 0.5"),
    (r"$\frac{1}{8}(x + y)$", "(1/8)(x + y)"),         # a fraction before a factor is bracketed whole
    (r"$\frac{\partial L}{\partial z_4}$", "∂L/∂z₄"),
    (r"$\sqrt{d_k}$ and $\sqrt{x + 1}$", "√dₖ and √(x + 1)"),
    (r"$\alpha + \beta \cdot \gamma$", "α + β · γ"),
    (r"$\mathbf{x}^\top W$ and $A^T$", "xᵀW and Aᵀ"),     # TeX sets no space between the two either
    (r"$x_{i+1}$, $K_{ac}$, $\sigma^2$", "xᵢ₊₁, K_(ac), σ²"),
    (r"$\max(z_1, z_2) \le \infty$", "max(z₁, z₂) ≤ ∞"),
    (r"$\hat{y}$, $\mathbb{R}^n$", "y\u0302, ℝⁿ"),      # y + combining circumflex
    (r"$\begin{bmatrix} 1 \\ 2 \end{bmatrix}$", "[1, 2]ᵀ"),   # a column vector
    (r"$\begin{bmatrix} 1 & 2 \end{bmatrix}$", "[1, 2]"),
    (r"\textbf{Note.} 50\% of \emph{all} -- done", "Note. 50% of all – done"),
    (r"costs \$5 and $x$", "costs $5 and x"),
    (r"a lone $ stays", "a lone $ stays"),
])
def test_inline_conversions(source, text):
    assert latex_to_text(source) == text


def test_matrix_rows_align_under_the_opening_bracket():
    source = r"\[ M = \begin{bmatrix} 1 & -2 \\ 30 & 4 \end{bmatrix}, \quad b = 0 \]"
    assert latex_to_text(source) == "    M = [[ 1, -2],\n         [30,  4]],\n    b = 0"


def test_text_mode_nested_lists_in_display_math_become_rows():
    assert latex_to_text(r"\[ x = [[0, 1], [1, 0]] \]") == "    x = [[0, 1],\n         [1, 0]]"


def test_lists_choices_and_figures():
    source = (r"Pick one:\begin{choices}\choice red \CorrectChoice green \choice blue\end{choices}"
              r"\begin{itemize}\item one \item two\end{itemize}\begin{enumerate}\item first\end{enumerate}"
              r"\begin{tikzpicture}\node at (0,0) {$x_1$};\end{tikzpicture}done")
    # \CorrectChoice looks like any other option; the figure is dropped
    assert latex_to_text(source) == "Pick one:\nA) red\nB) green\nC) blue\n\n- one\n- two\n\n1. first\ndone"


def test_split_math_keeps_escaped_dollars_and_line_breaks_as_prose():
    assert split_math(r"a \$ b $x$ \\[2pt] \[y\]") == [
        Segment("text", r"a \$ b "), Segment("inline", "x"), Segment("text", r" \\[2pt] "), Segment("display", "y")]


def test_wrapping_keeps_list_indentation():
    text = latex_to_text(r"\begin{itemize}\item " + "word " * 30 + r"\end{itemize}", width=40)
    lines = text.split("\n")
    assert all(len(line) <= 40 for line in lines) and lines[0].startswith("- ") and lines[1].startswith("  word")


def test_html_escapes_prose_and_keeps_math_for_katex():
    html = latex_to_html(r"If <b>$a<b$</b> \textbf{then} \begin{choices}\CorrectChoice x\choice y\end{choices}")
    assert html == ('If &lt;b&gt;<span class="math">a&lt;b</span>&lt;/b&gt; <strong>then</strong> '
                    '<ol class="choices" type="A"><li>x</li><li>y</li></ol>')


ALLOWED_TAGS = {"span", "div", "ul", "ol", "li", "strong", "em", "code", "br"}


class _Tags(HTMLParser):
    """Checks that tags are from the allowed set and properly nested."""

    def __init__(self):
        super().__init__()
        self.stack, self.bad = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS or any(name not in ("class", "type") for name, _ in attrs):
            self.bad.append(tag)
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.bad.append(f"/{tag}")


def well_formed(html):
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return not parser.bad and not parser.stack


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(list("ab <>&\"'$\\{}_^\n") + [r"\textbf{", r"\item ", r"\begin{itemize}", "<script>",
                                                             r"\end{itemize}", r"\begin{center}", r"\end{enumerate}"]),
                max_size=30).map("".join))
def test_any_source_gives_well_formed_html_with_only_our_tags(source):
    assert well_formed(latex_to_html(source))


def test_every_template_converts_cleanly():
    """No LaTeX command is left in the terminal text, and the HTML is well formed, for every built-in template."""
    for tpl in all_templates():
        inst = generate(tpl, 1)
        for mode, convert in (("text", latex_to_text), ("latex", latex_to_html)):
            sources = [inst.render("question", mode), inst.render("solution", mode)]
            sources += [render_prompt(inst, part, mode) for part in inst.parts]
            for source in sources:
                out = convert(source)
                if mode == "text":
                    assert not re.search(r"\\[A-Za-z]+|\x00", out), (tpl.id, out)
                else:
                    assert well_formed(out) and "CorrectChoice" not in out, (tpl.id, out)
