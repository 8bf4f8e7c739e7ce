// Checks the files chosen in a form before it is sent, a progressive addition: without this
// script the server refuses a file too large with a message at its input, but a request over
// the whole request's limit (MAX_CONTENT_LENGTH) is refused before anything in it can be read,
// so what was typed beside it would only be in the browser's history. Here, a file over its
// input's data-max-bytes, or files together over the page's limit, stop the sending, say so at
// the input or at the top of the form, and leave everything typed where it is. Its words and
// the request's limit come from its own <script> tag (app/files/messages.py, web/_files_script.html).
(function () {
  "use strict";
  var script = document.currentScript;
  function words(name) { return script.getAttribute("data-" + name) || ""; }
  var requestLimit = parseInt(words("max-request"), 10) || 0;

  function slice(list) { return Array.prototype.slice.call(list); }
  function megabytes(bytes) { return (Math.ceil(bytes / 104857.6) / 10).toLocaleString("vi-VN"); }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // The message after `anchor`, made when there is `text`, removed when there is none; the
  // input is described by it and marked invalid while it, or the server's own message, stands.
  function say(input, anchor, id, text) {
    var shown = document.getElementById(id);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (one) {
      return one && one !== id;
    });
    if (text) {
      if (!shown) {
        shown = document.createElement("p");
        shown.id = id;
        shown.className = "field-error";
        anchor.parentNode.insertBefore(shown, anchor.nextSibling);
      }
      shown.textContent = text;
      described.push(id);
    } else if (shown) {
      shown.parentNode.removeChild(shown);
    }
    var invalid = text || described.some(function (one) { return /-error$/.test(one); });
    if (invalid) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); }
    else { input.removeAttribute("aria-describedby"); }
  }

  function tooLarge(input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10) || 0;
    return slice(input.files || []).filter(function (file) { return limit && file.size > limit; })
      .map(function (file) {
        return fill(words("file-too-large"), {name: file.name, size: megabytes(file.size), limit: megabytes(limit)});
      }).join(" ");
  }

  function checkInput(input) {
    var helped = input.parentNode.querySelector("#" + CSS.escape(input.id + "-help")) || input;
    var text = tooLarge(input);
    say(input, helped, input.id + "-size", text);
    return text === "";
  }

  function inputs(form) {
    return slice(form.querySelectorAll('input[type="file"]')).filter(function (input) { return !input.disabled; });
  }

  // Files together over the request's limit: said once, at the top of the form.
  function checkTotal(form) {
    var files = inputs(form);
    var total = files.reduce(function (sum, input) {
      return sum + slice(input.files || []).reduce(function (s, file) { return s + file.size; }, 0);
    }, 0);
    var over = requestLimit && total > requestLimit;
    var id = (form.id || "bieu-mau") + "-tong-tep";
    var top = document.getElementById(id);
    if (!over) {
      if (top) { top.parentNode.removeChild(top); }
      return true;
    }
    if (!top) {
      top = document.createElement("p");
      top.id = id;
      top.className = "field-error";
      top.setAttribute("role", "alert");
      top.tabIndex = -1;
      form.insertBefore(top, form.firstChild);
    }
    top.textContent = fill(words("request-too-large"), {size: megabytes(total), limit: megabytes(requestLimit)});
    return false;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "file" && input.form) { checkInput(input); checkTotal(input.form); }
  });

  // The server's messages about the form as it was sent before: stale once this sending is
  // stopped here (the fields were filled since), so they go, and the file's message stands alone.
  function clearSent(form) {
    var summary = document.getElementById("tom-tat-loi");
    if (summary) { summary.parentNode.removeChild(summary); }
    slice(form.querySelectorAll('.field-error[id$="-error"]')).forEach(function (message) {
      slice(form.querySelectorAll('[aria-describedby~="' + message.id + '"]')).forEach(function (control) {
        var rest = control.getAttribute("aria-describedby").split(" ").filter(function (one) { return one !== message.id; });
        if (rest.length) { control.setAttribute("aria-describedby", rest.join(" ")); }
        else { control.removeAttribute("aria-describedby"); }
      });
      message.parentNode.removeChild(message);
    });
    // Marked invalid by the server (a choice's buttons carry no description of their own): only
    // what a message still standing describes stays so.
    slice(form.querySelectorAll("[aria-invalid]")).forEach(function (control) {
      var described = (control.getAttribute("aria-describedby") || "").split(" ");
      if (!described.some(function (one) { return one && /-(error|size)$/.test(one) && document.getElementById(one); })) {
        control.removeAttribute("aria-invalid");
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target, files = inputs(form);
    if (!files.length) { return; }
    var bad = files.filter(function (input) { return !checkInput(input); });
    var whole = checkTotal(form);
    if (!bad.length && whole) { return; }
    event.preventDefault();
    clearSent(form);
    (bad.length ? bad[0] : document.getElementById((form.id || "bieu-mau") + "-tong-tep")).focus();
  }, true);  // before forms.js asks its questions: a form that cannot be sent asks nothing
})();
