// qbank serve pages: the server sends math as escaped TeX in .math elements; KaTeX typesets it (no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll(".math")) {
    katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
  }
});
