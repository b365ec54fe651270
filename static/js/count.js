// Keep the signatory count on the letter page current without a reload.
(function () {
  "use strict";
  var element = document.getElementById("signatory-count");
  if (!element || !window.fetch) {
    return;
  }
  var url = element.getAttribute("data-count-url");
  var intervalMs = 5000;
  var timer = null;
  var inFlight = false;

  // Polling only while the page is seen: a tab left open in the background costs the server
  // nothing, and the count is brought up to date as soon as the tab is shown again.
  function schedule(delayMs) {
    window.clearTimeout(timer);
    timer = document.hidden ? null : window.setTimeout(refresh, delayMs);
  }

  function refresh() {
    timer = null;
    inFlight = true;
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
        inFlight = false;
        schedule(intervalMs);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
      timer = null;
    } else if (!inFlight) {
      schedule(0);
    }
  });

  schedule(intervalMs);
})();
