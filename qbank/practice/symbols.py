"""Unicode for LaTeX symbols, and Unicode sub/superscript digits and letters, for a terminal.

The names follow the LaTeX symbol list (Pakin, "The Comprehensive LaTeX Symbol
List"); the script characters are the Unicode blocks "Superscripts and
Subscripts" and "Phonetic Extensions", which lack some letters (no subscript
b, c, d, ...): callers fall back to `_(...)` / `^(...)` when a character is missing.
"""

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

SYMBOLS = {
    **GREEK,
    "partial": "∂", "nabla": "∇", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙",
    "otimes": "⊗", "oplus": "⊕", "circ": "∘", "bullet": "•", "star": "⋆", "ast": "*",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "~", "simeq": "≃",
    "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆",
    "cup": "∪", "cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "implies": "⇒", "iff": "⇔", "leftrightarrow": "↔", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
    "mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "infty": "∞", "sum": "Σ", "prod": "Π", "int": "∫", "sqrt": "√", "top": "ᵀ", "intercal": "ᵀ", "prime": "′",
    "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "ell": "ℓ", "hbar": "ħ",
    "lbrace": "{", "rbrace": "}", "backslash": "\\", "colon": ":", "setminus": "∖", "angle": "∠", "deg": "°",
    "quad": "\u2003", "qquad": "\u2003\u2003", "dagger": "†",
}

# Operator names print as their name: \max -> max, \tanh -> tanh.
OPERATORS = ("max", "min", "argmax", "argmin", "log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh",
             "det", "dim", "sup", "inf", "lim", "Pr", "arg", "sgn", "softmax", "ReLU", "diag", "tr", "rank")

BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}

ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
           "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308"}

SUBSCRIPT = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ",
                     "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
SUPERSCRIPT = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ",
                       "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡ"))
SUPERSCRIPT["\u1d40"] = "\u1d40"  # a ᵀ (from \top) inside a superscript stays ᵀ
SUPERSCRIPT["T"] = "ᵀ"
SUPERSCRIPT.update({"*": "*", "′": "′", "'": "′", ",": ",", "ℓ": "ˡ"})
SUBSCRIPT[","] = ","  # x₀,₀ reads better than x_(0,0)
