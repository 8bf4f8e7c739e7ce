// Forms of the portal and the one-stop system, a progressive addition: without this script a
// form is sent at once and a page is left freely (and Back to a page a form produced asks to send
// it again). Its words come from the page: its own <script
// data-unsaved-question> (app/web/messages.py), and the questions of data-confirm.
//
// Unsaved changes: while a form (method post) holds what the user changed, or what the server
// showed back without recording it (data-unsaved, also on a form marked data-draft: a stale
// draft page's fields; a control marked aria-invalid, not on a form marked data-draft, which the
// server saves at every sending), leaving the page asks first. A keyboard shortcut asks with window.confirm (MotCua.mayLeave, used by shortcuts.js),
// a link, the back button or closing the tab with the browser's own beforeunload dialog. Sending
// the form is not leaving it; sending another form of the page is.
//
// Confirmations: a form with data-confirm="question", or one sent with a chosen radio button,
// check box or option carrying data-confirm (a UI schema's "ui:confirm", app/eforms/render.py),
// asks its question before it is sent; cancelling sends nothing. A button with data-no-confirm
// (adding or removing an item of a repeated group) sends the form back to be shown, not to act:
// it never asks.
//
// Parts that apply to some choices: an element with data-shown-when="name=value|value…" is hidden
// unless the control `name` of its form (radio buttons, a list, a yes/no) has one of those values
// chosen: the postal item number only when the dossier came by post, the reason only for a refusal
// or a supplement request (an e-form's "ui:shownWhen", app/eforms/render.py). Hidden, not
// disabled: what it holds is still sent, and the server ignores it for the other choices (it
// neither checks nor keeps it), so switching back finds it as typed.
(function () {
  "use strict";
  // A page a form's sending produced (a refusal to fix, a conflict) takes, in the history, the
  // address of the page the form belongs to (<meta name="page-url">, app/web/history_url.py): a
  // logged-in user's pages are not stored, and Back to it would otherwise ask to send the form
  // again. What it shows back unsaved is guarded below like any change.
  var here = document.querySelector('meta[name="page-url"]');
  if (here && window.history && window.history.replaceState) {
    window.history.replaceState(window.history.state, "", here.getAttribute("content"));
  }
  var agreed = false;  // the officer already chose to leave (a shortcut's question)
  var sent = null;     // the form being sent: what it holds goes with it

  function slice(list) { return Array.prototype.slice.call(list); }

  // The error summary in the order of the page: the server lists a form's errors, then its own
  // parts' (who applies, the files); its first link should be the first problem on the way down.
  slice(document.querySelectorAll(".error-summary ul")).forEach(function (list) {
    var target = function (item) {
      var link = item.querySelector("a[href^='#']");
      return link && document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    };
    var items = slice(list.children);
    items.slice().sort(function (a, b) {
      var ta = target(a), tb = target(b);
      if (!ta || !tb) { return (ta ? 0 : 1) - (tb ? 0 : 1) || items.indexOf(a) - items.indexOf(b); }
      return ta === tb ? 0 : (ta.compareDocumentPosition(tb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    }).forEach(function (item) { list.appendChild(item); });
  });

  // A list shows its first option when none is marked selected.
  function selectChanged(select) {
    var options = slice(select.options), initial = 0;
    if (select.multiple) {
      return options.some(function (option) { return option.selected !== option.defaultSelected; });
    }
    options.forEach(function (option, i) { if (option.defaultSelected) { initial = i; } });
    return options.length > 0 && select.selectedIndex !== initial;
  }

  function controlChanged(control) {
    switch (control.type) {
      case "checkbox": case "radio": return control.checked !== control.defaultChecked;
      case "select-one": case "select-multiple": return selectChanged(control);
      case "file": return control.value !== "";
      case "hidden": case "submit": case "button": case "reset": case "image": return false;
      default: return typeof control.defaultValue === "string" && control.value !== control.defaultValue;
    }
  }

  function unsaved(form) {
    var invalid = form.querySelector('[aria-invalid="true"]') !== null && !form.hasAttribute("data-draft");
    return form.hasAttribute("data-unsaved") || invalid || slice(form.elements).some(controlChanged);
  }

  // Forms other than `except` (the one being sent) whose content would be lost.
  function losing(except) {
    return slice(document.forms).some(function (form) {
      return form !== except && form !== sent && form.method === "post" && unsaved(form);
    });
  }

  function mayLeave(except) {
    if (agreed || !losing(except)) { return true; }
    var words = document.querySelector("[data-unsaved-question]");
    if (!window.confirm(words ? words.getAttribute("data-unsaved-question") : "")) { return false; }
    agreed = true;
    return true;
  }

  // The questions to ask before `form` is sent by `submitter`: the form's own, then its chosen values'.
  function questions(form, submitter) {
    if (submitter && submitter.hasAttribute("data-no-confirm")) { return []; }
    var chosen = slice(form.querySelectorAll("input[data-confirm]:checked, option[data-confirm]:checked"))
      .filter(function (control) {
        var field = control.tagName === "OPTION" ? control.parentElement.closest("select") : control;
        return field && field.form === form && !field.disabled;
      });
    return (form.hasAttribute("data-confirm") ? [form] : []).concat(chosen)
      .map(function (element) { return element.getAttribute("data-confirm"); });
  }

  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) { return; }
    var form = event.target;
    var asked = questions(form, event.submitter);
    for (var i = 0; i < asked.length; i++) {
      if (!window.confirm(asked[i])) { event.preventDefault(); return; }
    }
    if (!mayLeave(form)) { event.preventDefault(); return; }
    sent = form;
    var verb = event.submitter && event.submitter.name === "action" ? event.submitter.value || "" : "";
    if (verb.indexOf("add:") === 0) { remember(ADDED, verb); }
  });

  // An item added to a repeated group (the page comes back from the server): the keyboard and
  // the screen reader start in it, not at the top of the page, unless there are errors to fix.
  var ADDED = "motcua-added";
  function remember(key, value) { try { window.sessionStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function recall(key) {
    try { var value = window.sessionStorage.getItem(key); window.sessionStorage.removeItem(key); return value; }
    catch (e) { return null; }
  }
  var added = recall(ADDED);
  if (added && !document.querySelector(".error-summary")) {
    var adder = slice(document.querySelectorAll("button[name='action']")).filter(function (b) { return b.value === added; })[0];
    var group = adder && adder.closest(".repeated");
    var items = group ? slice(group.querySelectorAll("fieldset.item")).filter(function (item) {
      return item.parentNode.closest(".repeated") === group;
    }) : [];
    var first = items.length && items[items.length - 1].querySelector("input:not([type=hidden]), select, textarea");
    // After the page's own move to the group (its address ends in #the-group), which blurs.
    if (first) { window.addEventListener("load", function () { window.setTimeout(function () { first.focus(); }, 0); }); }
  }

  window.addEventListener("beforeunload", function (event) {
    if (agreed || !losing(null)) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers ask only when this is set
  });

  function chosenValue(control) {
    // A choice that is itself hidden holds nothing (a chain of fields hides together).
    var first = control && (control.tagName ? control : control[0]);
    if (!first || first.closest("[data-shown-when][hidden]")) { return null; }
    // A single check box (a yes/no) sends "true" when ticked; unticked it says "false".
    return control.type === "checkbox" ? (control.checked ? control.value : "false") : control.value;
  }

  // With the script, a field following a choice hides until chosen: its note saying so goes.
  slice(document.querySelectorAll(".shown-when-note")).forEach(function (note) { note.hidden = true; });

  function showChosen() {
    var parts = slice(document.querySelectorAll("[data-shown-when]")), changed = true;
    // Again until nothing changes: a field may follow one that this round showed or hid.
    for (var round = 0; changed && round <= parts.length; round++) {
      changed = false;
      parts.forEach(function (part) {
        var rule = part.getAttribute("data-shown-when"), at = rule.indexOf("="), form = part.closest("form");
        var value = chosenValue(form && form.elements.namedItem(rule.slice(0, at)));
        var hidden = rule.slice(at + 1).split("|").indexOf(value) < 0;
        if (part.hidden !== hidden) { part.hidden = hidden; changed = true; }
      });
    }
  }
  document.addEventListener("change", function (event) {
    var type = event.target.type;
    if (type === "radio" || type === "checkbox" || event.target.tagName === "SELECT") { showChosen(); }
  });
  showChosen();

  // Back on this page from the browser's history cache: nothing is being sent or left any more.
  window.addEventListener("pageshow", function () { agreed = false; sent = null; });

  window.MotCua = window.MotCua || {};
  window.MotCua.mayLeave = function () { return mayLeave(null); };
})();
