// The print job page: polls the job's status until the PDF is ready or the job failed.
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var bar = document.getElementById("job-progress"), text = document.getElementById("job-text");
  var link = document.getElementById("job-download"), error = document.getElementById("job-error");
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      bar.value = s.percent; text.textContent = s.state_label + " — " + s.done + "/" + s.total;
      if (s.state === "done") { link.hidden = false; return; }
      if (s.state === "failed") { error.hidden = false; error.textContent = s.error; return; }
      setTimeout(poll, 700);
    }).catch(function () { setTimeout(poll, 2000); });
  }
  if (box.dataset.state !== "done" && box.dataset.state !== "failed") { poll(); }
})();
