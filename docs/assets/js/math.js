// Typeset the math that pymdownx.arithmatex leaves as \( ... \) and \[ ... \], with the
// vendored KaTeX. Material emits document$ on every page load, instant navigation included.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    // A formula KaTeX cannot parse shows as a red .katex-error; the browser test looks for it.
    throwOnError: false,
  });
});
