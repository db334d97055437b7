// Reader votes. The widget works without this script (form POST, then back to #votes);
// with it, votes go by fetch and the count changes in place. The page may come from a
// cache, so on load the script asks for the current count and this reader's own vote.
(function () {
  "use strict";
  var widget = document.querySelector(".votes[data-votes-state]");
  if (!widget || !window.fetch || !window.URLSearchParams) return;

  var castForm = widget.querySelector(".votes__form");
  var withdrawForm = widget.querySelector("[data-votes-withdraw]");
  var sentence = widget.querySelector("[data-votes-sentence]");
  var receipt = widget.querySelector("[data-votes-receipt]");
  var buttons = castForm.querySelectorAll("button[data-votes-value]");
  var FAILED = "Your vote was not counted; please try again.";
  var busy = false;
  var voted = false; // a vote's answer is newer than the state asked for on load

  function render(state) {
    sentence.textContent = state.sentence;
    ["up", "down"].forEach(function (value) {
      var tally = widget.querySelector('[data-votes-tally="' + value + '"]');
      if (tally) tally.textContent = String(state[value]);
    });
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", String(button.value === state.vote));
    });
    withdrawForm.hidden = !state.vote;
  }

  function say(text) {
    receipt.textContent = text;
    receipt.hidden = !text;
  }

  function send(url, body) {
    if (busy) return;
    busy = true;
    voted = true;
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok || typeof data.sentence !== "string") {
            throw { message: data.error || FAILED };
          }
          render(data);
          say(data.vote ? "Your vote is counted: thumbs " + data.vote + "." : "Your vote has been withdrawn.");
        });
      })
      .catch(function (error) {
        // The server's own words when it gave them; a network failure gets ours.
        say(error instanceof Error ? FAILED : error.message);
      })
      .then(function () { busy = false; });
  }

  // Browsers without SubmitEvent.submitter still report the click that submitted the form.
  var clicked = null;
  castForm.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button[data-votes-value]") : null;
    if (target) clicked = target;
  });

  castForm.addEventListener("submit", function (event) {
    var button = event.submitter || clicked;
    if (!button || !button.value) return; // let the form go as it would without the script
    event.preventDefault();
    // A pressed button is the reader's own vote: pressing it again takes the vote back.
    if (button.getAttribute("aria-pressed") === "true") {
      send(withdrawForm.action, new URLSearchParams());
    } else {
      send(castForm.action, new URLSearchParams({ value: button.value }));
    }
  });

  withdrawForm.addEventListener("submit", function (event) {
    event.preventDefault();
    send(withdrawForm.action, new URLSearchParams());
  });

  // Back from a vote without the script (?voted=up): the page is private; show the clean URL.
  var params = new URLSearchParams(window.location.search);
  if (params.has("voted") && window.history && window.history.replaceState) {
    params.delete("voted");
    var query = params.toString();
    window.history.replaceState(
      null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash
    );
  }

  fetch(widget.getAttribute("data-votes-state"), {
    credentials: "same-origin",
    headers: { Accept: "application/json" }
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (state) { if (state && !voted) render(state); })
    .catch(function () { /* keep the counts the page was served with */ });
})();
