// The footer signup: fetch a fresh token and compute its proof of work when the reader
// starts typing, so no question is shown. Without this script the post still works: the
// reader is asked the arithmetic question on the next page. The solver is humancheck.js's,
// which the page loads first.
(function () {
  "use strict";

  function prepare(form) {
    if (form.ready) return form.ready;
    form.ready = fetch(form.getAttribute("data-newsletter"), {
      credentials: "omit", cache: "no-store", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("challenge " + response.status);
      return response.json();
    }).then(function (challenge) {
      form.querySelector("[data-newsletter-token]").value = challenge.token;
      var humancheck = window.MastheadHumancheck;
      if (!humancheck || !window.crypto || !crypto.subtle || !challenge.pow) return;
      return humancheck.solve(challenge.pow).then(function (payload) {
        form.querySelector("[data-newsletter-proof]").value = payload;
      });
    }).catch(function () { /* the server asks the question instead */ });
    return form.ready;
  }

  document.querySelectorAll("form[data-newsletter]").forEach(function (form) {
    form.addEventListener("focusin", function () { prepare(form); });
    form.addEventListener("submit", function (event) {
      if (form.sent) return;
      event.preventDefault();
      prepare(form).then(function () { form.sent = true; form.submit(); });
    });
  });
})();
