// Small progressive enhancements; every page also works without JavaScript.
(function () {
  "use strict";

  // htmx requests carry the CSRF token that Spring Security expects.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=_csrf]");
    var header = document.querySelector("meta[name=_csrf_header]");
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });

  // drift reports: a feature's name shows or hides its reference-vs-current histogram
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-histogram-toggle]");
    if (toggle) {
      var report = toggle.closest("[data-testid=drift-report]") || document;
      var histogram = report.querySelector("#" + toggle.getAttribute("data-histogram-toggle"));
      if (histogram) {
        histogram.hidden = !histogram.hidden;
      }
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button && navigator.clipboard) {
      var source = document.querySelector(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim());
    }
  });
})();

// Dataset uploads show a progress bar; the server answers where to go next (the new version, or back to
// the dataset with the reason it refused the file).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-upload-form]") || !window.XMLHttpRequest) {
      return;
    }
    event.preventDefault();
    var progress = form.querySelector("[data-upload-progress]");
    var button = form.querySelector("button[type=submit]");
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Trainyard-Upload", "script");
    request.setRequestHeader("Accept", "application/json");
    var token = document.querySelector("meta[name=_csrf]");
    var header = document.querySelector("meta[name=_csrf_header]");
    if (token && header) {
      request.setRequestHeader(header.content, token.content);
    }
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && progress) {
        progress.hidden = false;
        progress.value = Math.round(100 * e.loaded / e.total);
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (ignored) {
        // not JSON: fall through to the message below
      }
      if (request.status === 200 && answer.location) {
        window.location.assign(answer.location);
        return;
      }
      if (button) {
        button.disabled = false;
      }
      window.alert("The upload was refused: " + (answer.detail || ("HTTP " + request.status)));
    });
    request.addEventListener("error", function () {
      if (button) {
        button.disabled = false;
      }
      window.alert("The upload failed: the connection was interrupted.");
    });
    if (button) {
      button.disabled = true;
    }
    request.send(new FormData(form));
  });
})();

// The runs table: at most data-max runs can be compared; say so at once instead of after the submit.
(function () {
  "use strict";
  function check(form) {
    var max = parseInt(form.getAttribute("data-max"), 10) || 20;
    var selected = form.querySelectorAll("input[name=ids]:checked").length;
    var status = form.querySelector("[data-compare-status]");
    var button = form.querySelector("[data-compare-button]");
    var tooMany = selected > max;
    if (status) {
      status.textContent = tooMany
        ? "You selected " + selected + " runs; at most " + max + " can be compared. Clear some selections."
        : selected + " selected (2 to " + max + " can be compared).";
      status.classList.toggle("error", tooMany);
    }
    if (button) {
      button.disabled = tooMany || selected < 2;
    }
    return !tooMany;
  }
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-compare-form]");
    if (form && event.target.name === "ids") {
      check(form);
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-compare-form]") && !check(event.target)) {
      event.preventDefault();
    }
  });
})();
