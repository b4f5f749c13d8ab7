// Every page: the installable app's service worker, the menu button on phones, and the search filters
// folded behind one button on phones. Without JavaScript the menu and the filters simply stay open.
(function () {
  "use strict";
  var body = document.body;
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").then(function () {
      // Nobody logged in: the document pages kept for showing offline are forgotten.
      if (body.dataset.signedOut && !body.dataset.offlinePage && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "forget-documents" });
      }
    }).catch(function () { /* no worker: the site works as a plain site */ });
  }
  var phone = window.matchMedia("(max-width: 767.98px)");
  var toggle = document.getElementById("menu-toggle");
  var menu = document.getElementById("site-menu");
  if (toggle && menu) {
    toggle.hidden = false;
    function fold() {
      var folded = phone.matches && toggle.getAttribute("aria-expanded") !== "true";
      menu.classList.toggle("d-none", folded);
    }
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
      fold();
    });
    phone.addEventListener("change", fold);
    fold();
  }
  // A form sent back with mistakes: the summary of what to fix takes the focus, so it is read out first.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // On a phone the filters fold behind their heading, so the first result is on the first screen.
  var filters = document.getElementById("search-filters");
  if (filters && filters.tagName === "DETAILS" && phone.matches && !filters.querySelector(".invalid-feedback")) {
    filters.open = false;
  }
})();
