// Keep the signatory count on the letter page current without a reload.
(function () {
  "use strict";
  var element = document.getElementById("signatory-count");
  if (!element || !window.fetch) {
    return;
  }
  var url = element.getAttribute("data-count-url");
  var intervalMs = 5000;

  function refresh() {
    fetch(url, { cache: "no-cache", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data.count === "number") {
          // Plain digits, as the page was served: an unchanged count is then never rewritten,
          // so screen readers hear the aria-live region only when the number really changes.
          var text = String(data.count);
          if (element.textContent !== text) {
            element.textContent = text;
          }
        }
      })
      .catch(function () {
        // Offline or the server is busy: keep the last count and try again later.
      })
      .finally(function () {
        window.setTimeout(refresh, intervalMs);
      });
  }

  window.setTimeout(refresh, intervalMs);
})();
