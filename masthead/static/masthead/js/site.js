// Masthead's first-party script. Every page works without it; it only refreshes what a cache may hold.
(function () {
  "use strict";
  // A cached page may have been rendered before midnight: show today's date in the site's zone.
  var line = document.querySelector(".date-line[data-time-zone] time");
  if (line && window.Intl) {
    try {
      var zone = line.parentNode.getAttribute("data-time-zone");
      var now = new Date();
      var iso = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
      if (iso !== line.getAttribute("datetime")) {
        var parts = {};
        new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" })
          .formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
        line.setAttribute("datetime", iso);
        line.textContent = parts.weekday + " " + parts.day + " " + parts.month + " " + parts.year;
      }
    } catch (e) { /* an unknown zone: keep the server's date */ }
  }
})();
