// Keyboard shortcuts of the one-stop system: a progressive addition, every action stays a plain
// link or form button. Keys are ignored while typing in a field (except Ctrl+Enter to send). A key
// that leaves a page whose form holds unsaved changes asks first (forms.js).
(function () {
  "use strict";
  var rows = [], current = -1, pending = "", pendingTimer = null;
  var PENDING_MS = 1500;  // a "g" left alone this long was no shortcut: the next key is its own

  function setPending(key) {
    pending = key;
    clearTimeout(pendingTimer);
    pendingTimer = key ? setTimeout(function () { pending = ""; }, PENDING_MS) : null;
  }

  function mayLeave() {
    return !(window.MotCua && window.MotCua.mayLeave) || window.MotCua.mayLeave();
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function select(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("selected", i === current); });
    var link = rows[current].querySelector("a");
    if (link) { link.focus(); }
  }

  // Enter opens the selected row only from the row itself (or nowhere in particular): on a
  // button, a field's link or a filter, Enter is that control's own.
  function onSelectedRow(target) {
    var row = rows[current];
    return target === document.body || target === row || target === row.querySelector("a");
  }

  function follow(selector) {
    var link = document.querySelector('[data-key="' + selector + '"]');
    if (!link) { return false; }
    if (mayLeave()) { link.click(); }
    return true;
  }

  // The selected row's button; on a page of rows with none selected, none: a stray key must not
  // take work. Off a list (a task page), the button of the task that is open.
  function claimButton() {
    if (current >= 0) {
      var button = rows[current].querySelector("[data-claim]");
      if (!button) { say("data-not-claimable"); }
      return button;
    }
    if (rows.length) { say("data-select-first"); return null; }
    return document.querySelector("[data-claim]");
  }

  // Reads a message the page carries in the attribute `name` of its live region (kept in the
  // server's message catalogue, not here).
  function say(name) {
    var region = document.querySelector("[" + name + "]");
    if (region) { region.textContent = region.getAttribute(name); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target.closest && event.target.closest("form[data-submit-shortcut]");
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (typing(event.target)) { setPending(""); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    // Caps Lock on: "N" is still n (no shortcut uses a capital letter).
    var key = event.key && event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (pending === "g") {
      setPending("");
      if (follow("g " + key)) { event.preventDefault(); }
      return;
    }
    if (key === "g") { setPending("g"); return; }
    if (key === "j" || key === "ArrowDown" && rows.length) { event.preventDefault(); select(current + 1); }
    else if (key === "k" || key === "ArrowUp" && rows.length) { event.preventDefault(); select(current - 1); }
    else if (key === "Enter" && current >= 0 && onSelectedRow(event.target)) { event.preventDefault(); if (mayLeave()) { window.location = rows[current].dataset.href; } }
    else if (key === "n") { var button = claimButton(); if (button) { event.preventDefault(); button.click(); } }
    else if (key === "/") { var search = document.querySelector("[data-search]"); if (search) { event.preventDefault(); search.focus(); } }
    else if (key === "1" || key === "2" || key === "3") { if (follow(key)) { event.preventDefault(); } }
    else if (key === "Escape") { follow("Escape"); }
    else if (key === "?") {
      var help = document.getElementById("phim-tat");
      if (help) {  // its summary takes the focus, so a screen reader says what opened or closed
        help.open = !help.open;
        help.scrollIntoView();
        var summary = help.querySelector("summary");
        if (summary) { summary.focus(); }
      }
    }
  });

  // Focus moving into a field ends a pending "g": what is typed there is text, and the key after
  // leaving the field must not finish a shortcut begun before.
  document.addEventListener("focusin", function (event) {
    if (typing(event.target)) { setPending(""); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  });
})();
