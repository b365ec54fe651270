// A form shown again with errors: move focus to the list of errors above it, so that a
// screen reader announces it and a keyboard user starts there; each link in the list then
// moves focus to its field with the field's label in view (following a link to "#id" alone
// scrolls there without focusing the input in every browser).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!input) {
      return;
    }
    event.preventDefault();
    var group = input.closest("fieldset") || input.closest(".mb-3") || input;
    group.scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
