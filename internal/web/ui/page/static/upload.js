// Progressive enhancement: show upload progress for forms marked
// data-upload-progress. Without JavaScript the form posts as usual.
(function () {
  "use strict";
  document.querySelectorAll("form[data-upload-progress]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      ev.preventDefault();
      var status = form.querySelector(".upload-status");
      var bar = status.querySelector("progress");
      var text = status.querySelector("span");
      var button = form.querySelector("button[type=submit]");
      status.hidden = false;
      button.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var pct = Math.round(e.loaded * 100 / e.total);
          bar.value = pct;
          text.textContent = pct + "%";
        }
      });
      xhr.addEventListener("load", function () {
        // The server answers with the page to show (a redirect is followed).
        document.open();
        document.write(xhr.responseText);
        document.close();
        if (xhr.responseURL) { history.replaceState(null, "", xhr.responseURL); }
      });
      xhr.addEventListener("error", function () {
        button.disabled = false;
        text.textContent = form.getAttribute("data-error") || "!";
      });
      xhr.send(new FormData(form));
    });
  });
})();
