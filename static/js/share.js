// The share partial's "Copy link" button (templates/includes/_share.html): shown only where
// the Clipboard API is there; otherwise the address stays in its field, to select and copy.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyFrom);
    var status = document.getElementById("share-copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          status.textContent = button.dataset.copied;
        },
        function () {
          field.select();
          status.textContent = button.dataset.copyFailed;
        }
      );
    });
  });
})();
