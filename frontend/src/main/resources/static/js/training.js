// The training form: the task follows the target's type, the target is never a feature, and the server's
// validation (the same as the submit's) runs as you type, its problems shown next to their fields.
(function () {
  "use strict";
  var form = document.querySelector("form[data-training-form]");
  if (!form) {
    return;
  }
  var target = form.querySelector("[data-target-select]");
  var task = form.querySelector("[data-task-select]");
  var status = form.querySelector("[data-check-status]");
  var timer = null;
  var sequence = 0;

  function onTarget() {
    var option = target.options[target.selectedIndex];
    var type = option ? option.getAttribute("data-type") : null;
    if (type && task) {
      task.value = type === "numeric" ? "regression" : "classification";
    }
    form.querySelectorAll("input[name='config.features']").forEach(function (box) {
      if (box.value === target.value) {
        box.checked = false;
      }
    });
  }

  function show(problems) {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      slot.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
    problems.forEach(function (p) {
      var slot = form.querySelector("[data-error-for='" + p.slot + "']") ||
        form.querySelector("[data-error-for='general']");
      var text = p.slot === "general" ? p.field + " " + p.message : p.message;
      slot.textContent = slot.textContent ? slot.textContent + "; " + text : text;
      var input = form.querySelector("[name='" + p.slot + "']");
      if (input) {
        input.setAttribute("aria-invalid", "true");
      }
    });
    if (status) {
      status.textContent = problems.length ? problems.length + " problem(s) to fix" : "Looks good.";
    }
  }

  function check() {
    var mine = ++sequence;
    var headers = { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" };
    var token = document.querySelector("meta[name=_csrf]");
    var header = document.querySelector("meta[name=_csrf_header]");
    if (token && header) {
      headers[header.content] = token.content;
    }
    fetch(form.getAttribute("data-check-url"), {
      method: "POST", headers: headers, credentials: "same-origin",
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (r) {
      if (!r.ok) {
        throw new Error("HTTP " + r.status);
      }
      return r.json();
    }).then(function (answer) {
      if (mine === sequence) {
        show(answer.problems || []);
      }
    }).catch(function () {
      if (status) {
        status.textContent = "Could not check the form just now; submitting still validates it.";
      }
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }

  if (target) {
    target.addEventListener("change", onTarget);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
