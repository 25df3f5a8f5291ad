(function () {
  "use strict";
  var root = document.querySelector(".sd-report");
  if (!root) return;
  var toggle = document.getElementById("sd-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var on = root.classList.toggle("sd-only-changes");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  var hint = document.getElementById("sd-keys");
  if (hint) hint.hidden = false;
  function visible(el) { return el.offsetParent !== null; }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || tag === "BUTTON") return;
    if (event.key !== "n" && event.key !== "p") return;
    var rows = Array.prototype.filter.call(root.querySelectorAll("[data-nav]"), visible);
    if (!rows.length) return;
    var at = rows.indexOf(document.activeElement);
    var next = event.key === "n" ? (at < 0 ? 0 : Math.min(at + 1, rows.length - 1))
                                 : (at < 0 ? rows.length - 1 : Math.max(at - 1, 0));
    rows[next].focus();
    rows[next].scrollIntoView({ block: "center" });
    event.preventDefault();
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(root.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
