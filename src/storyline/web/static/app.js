// storyline web pages: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // A highlight split around another one keeps the id on its first piece; light up the
  // other pieces too when the URL targets it (":target" covers the first piece).
  function lightSplitHighlight() {
    document.querySelectorAll(".hl-on").forEach(function (e) { e.classList.remove("hl-on"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    document.querySelectorAll('[data-part-of="' + CSS.escape(id) + '"]').forEach(function (e) {
      e.classList.add("hl-on");
    });
  }

  // The new-story form: name the chosen files, show a drop target, say that it is working.
  function enhanceForm() {
    var input = document.getElementById("files");
    var zone = document.getElementById("dropzone");
    var list = document.getElementById("file-list");
    if (input && zone && list) {
      var show = function () {
        var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
        list.textContent = names.length ? names.length + " file" + (names.length > 1 ? "s" : "") + ": " + names.join(", ") : "";
      };
      input.addEventListener("change", show);
      ["dragenter", "dragover"].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.add("over"); });
      });
      ["dragleave", "drop"].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.remove("over"); });
      });
    }
    var form = document.querySelector("form.new-story");
    if (form) {
      form.addEventListener("submit", function () {
        var button = document.getElementById("submit");
        var busy = document.getElementById("busy");
        if (busy) busy.hidden = false;
        if (button) {
          // Disabled after the submit has gone, so the button's own value still travels.
          setTimeout(function () { button.disabled = true; }, 0);
        }
      });
    }
  }

  addEventListener("hashchange", lightSplitHighlight);
  document.addEventListener("DOMContentLoaded", function () {
    lightSplitHighlight();
    enhanceForm();
  });
})();
