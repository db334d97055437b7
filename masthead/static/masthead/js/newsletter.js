// The footer signup: fetch a fresh token and compute its proof of work when the reader
// starts typing, so no question is shown. Without this script the post still works: the
// reader is asked the arithmetic question on the next page.
(function () {
  "use strict";
  var BATCH = 256;
  var MAX_COUNTER = 5000000;

  function hexToBytes(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    return bytes;
  }

  function toHex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // The same ALTCHA v2 solver as humancheck.js, which keeps its own private.
  async function solve(challenge) {
    var p = challenge.parameters;
    var salt = hexToBytes(p.salt), nonce = hexToBytes(p.nonce);
    var offset = salt.length + nonce.length;
    var base = new Uint8Array(offset + 4);
    base.set(salt, 0);
    base.set(nonce, salt.length);
    for (var start = 0; start < MAX_COUNTER; start += BATCH) {
      var jobs = [];
      for (var counter = start; counter < start + BATCH; counter++) {
        var data = base.slice();
        new DataView(data.buffer).setUint32(offset, counter);
        jobs.push(crypto.subtle.digest("SHA-256", data));
      }
      var digests = await Promise.all(jobs);
      for (var i = 0; i < digests.length; i++) {
        var hex = toHex(digests[i]);
        if (hex.indexOf(p.keyPrefix) === 0) {
          var solution = { counter: start + i, derivedKey: hex.slice(0, (p.keyLength || 32) * 2) };
          return btoa(JSON.stringify({ challenge: challenge, solution: solution }));
        }
      }
    }
    return "";
  }

  function prepare(form) {
    if (form.ready) return form.ready;
    form.ready = fetch(form.getAttribute("data-newsletter"), {
      credentials: "omit", cache: "no-store", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("challenge " + response.status);
      return response.json();
    }).then(function (challenge) {
      form.querySelector("[data-newsletter-token]").value = challenge.token;
      if (!window.crypto || !crypto.subtle || !challenge.pow) return;
      return solve(challenge.pow).then(function (payload) {
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
