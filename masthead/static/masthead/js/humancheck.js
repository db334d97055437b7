// The human check on anonymous forms. Without this script the forms still work: the
// reader gets the question from an uncached page and the server trusts the post less.
// With it, a page from a cache gets a fresh question, the browser computes the ALTCHA
// proof of work, and the form is sent in place with the outcome read out.
// It also lends its solver to the other forms' scripts (newsletter.js) as
// window.MastheadHumancheck.solve; a page may include this file twice, it runs once.
(function () {
  "use strict";
  if (window.MastheadHumancheck) return;
  var HINT = "Solve this simple math problem and enter the result. E.g. for 1+3, enter 4.";
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

  // ALTCHA v2, SHA-256 with cost 1: find the counter whose SHA-256(salt + nonce + counter)
  // starts with the key prefix.
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

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function showQuestion(fieldset, question) {
    var shown = fieldset.querySelector("[data-humancheck-question]");
    var input = fieldset.querySelector("#humancheck-answer");
    if (shown && input) {
      shown.textContent = question;
      input.value = "";
      return;
    }
    var slot = fieldset.querySelector("[data-humancheck-slot]");
    slot.textContent = "";
    var field = element("p", { "class": "field" });
    var label = element("label", { "for": "humancheck-answer" });
    label.appendChild(element("span", { "data-humancheck-question": "" }, question));
    field.appendChild(label);
    field.appendChild(document.createTextNode(" "));
    field.appendChild(element("input", {
      id: "humancheck-answer", name: fieldset.getAttribute("data-humancheck-answer"),
      type: "text", inputmode: "numeric", pattern: "[0-9]*", size: "4", maxlength: "3",
      autocomplete: "off", required: "", "aria-describedby": "humancheck-hint humancheck-why"
    }));
    slot.appendChild(field);
    slot.appendChild(element("p", { "class": "humancheck__hint", id: "humancheck-hint" }, HINT));
  }

  function startProof(fieldset, challenge) {
    var proof = fieldset.querySelector("[data-humancheck-proof]");
    proof.value = "";
    if (!window.crypto || !crypto.subtle || !challenge || !challenge.parameters) {
      fieldset.proofDone = Promise.resolve();
      return;
    }
    fieldset.proofDone = solve(challenge).then(function (payload) { proof.value = payload; })
      .catch(function () { proof.value = ""; });
  }

  function refresh(fieldset) {
    return fetch(fieldset.getAttribute("data-humancheck"), {
      credentials: "omit", cache: "no-store", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("challenge " + response.status);
      return response.json();
    }).then(function (challenge) {
      fieldset.querySelector("[data-humancheck-token]").value = challenge.token;
      showQuestion(fieldset, challenge.question);
      startProof(fieldset, challenge.pow);
    });
  }

  function say(form, message, errors) {
    var status = form.querySelector("[data-humancheck-status]");
    if (!status) return;
    status.textContent = message;
    Object.keys(errors || {}).forEach(function (name) {
      errors[name].forEach(function (text) {
        status.appendChild(element("span", { "class": "form-status__error" }, " " + text));
      });
    });
    status.focus();
  }

  function sendInPlace(form, fieldset) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var button = form.querySelector("[type=submit]");
      if (button) button.disabled = true;
      say(form, "Sending…");
      (fieldset.proofDone || Promise.resolve()).then(function () {
        return fetch(form.action, {
          method: "POST", body: new FormData(form), credentials: "omit",
          headers: { Accept: "application/json" }
        });
      }).then(function (response) {
        return response.json().catch(function () {
          return { ok: false, message: "The comment could not be sent (" + response.status + ")." };
        });
      }).then(function (result) {
        say(form, result.message, result.errors);
        if (result.ok) {
          form.querySelectorAll("textarea").forEach(function (area) { area.value = ""; });
        }
        return refresh(fieldset);
      }).catch(function () {
        say(form, "The comment could not be sent. Please check your connection and try again.");
      }).then(function () {
        if (button) button.disabled = false;
      });
    });
  }

  window.MastheadHumancheck = { solve: solve };

  document.querySelectorAll("fieldset[data-humancheck]").forEach(function (fieldset) {
    var form = fieldset.closest("form");
    var token = fieldset.querySelector("[data-humancheck-token]");
    if (token.value) {
      var pow = fieldset.getAttribute("data-humancheck-pow");
      startProof(fieldset, pow ? JSON.parse(pow) : null);
    } else {
      refresh(fieldset).catch(function () { /* keep the link to the uncached form */ });
    }
    if (form && form.hasAttribute("data-humancheck-form")) sendInPlace(form, fieldset);
  });
})();
