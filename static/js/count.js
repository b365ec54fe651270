// Keep the count headline ("N organizations from M countries have signed") current without a
// reload, its words in the plural forms the server chose for the new numbers.
(function () {
  "use strict";
  var element = document.querySelector("[data-count-url]");
  if (!element || !window.fetch) {
    return;
  }
  var NUMBER_IDS = { "{count}": "signatory-count", "{countries}": "country-count" };
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
        if (data && typeof data.headline === "string") {
          // Rewritten only when the sentence changes, so screen readers hear the aria-live
          // headline only when a number really does.
          if (element.textContent !== data.headline) {
            show(data);
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

  // The headline as the server renders it: text, with each number in its own element.
  function show(data) {
    var numbers = { "{count}": data.count, "{countries}": data.countries };
    var nodes = data.headline_template.split(/(\{count\}|\{countries\})/).map(function (part) {
      if (!NUMBER_IDS[part]) {
        return document.createTextNode(part);
      }
      var number = document.createElement("span");
      number.id = NUMBER_IDS[part];
      number.textContent = String(numbers[part]);
      return number;
    });
    element.replaceChildren.apply(element, nodes);
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
