// The review page's keyboard shortcuts: a key clicks the control that names it in
// data-review-key (Approve, Reject, Skip). Without this script the buttons work as they are.
(function () {
  "use strict";
  var decided = false;
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    // Typing in a field types; it never decides.
    if (target.isContentEditable || (target.closest && target.closest("input, textarea, select"))) {
      return;
    }
    var key = (event.key || "").toLowerCase();
    if (key.length !== 1) {
      return;
    }
    var control = document.querySelector('[data-review-key="' + key + '"]');
    if (!control) {
      return;
    }
    event.preventDefault();
    // One decision per page: a second key pressed before the next page opens does nothing.
    if (!decided) {
      decided = true;
      control.click();
    }
  });
})();
