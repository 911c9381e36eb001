// The secretary's view of a round scored on the members' devices: who submitted and the spread alerts, polled.
(function () {
  var box = document.getElementById("council-live");
  if (!box) { return; }
  var count = document.getElementById("council-count"), alerts = document.getElementById("council-alerts");
  function fill(template, values) {
    return template.replace(/\{(\w)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function show(s) {
    count.textContent = fill(box.dataset.count, {s: s.submitted, m: s.members.length});
    s.members.forEach(function (m) {
      var row = box.querySelector('tr[data-member="' + m.id + '"]');
      if (!row) { return; }
      row.querySelector(".done").textContent = m.products_done;
      row.querySelector(".submitted").textContent = m.submitted_at ? "✓ " + m.submitted_at : "—";
      if (m.submitted_at) { row.querySelectorAll("form").forEach(function (f) { f.remove(); }); }
    });
    alerts.replaceChildren();
    s.alerts.forEach(function (a) {
      var li = document.createElement("li");
      li.className = "error";
      li.textContent = fill(box.dataset.alert, {p: a.product, d: a.spread, x: a.max});
      alerts.appendChild(li);
    });
    if (!s.alerts.length) {
      var none = document.createElement("li");
      none.className = "muted no-alert";
      none.textContent = box.dataset.noAlert;
      alerts.appendChild(none);
    }
  }
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (s) { show(s); setTimeout(poll, 4000); })
      .catch(function () { setTimeout(poll, 10000); });
  }
  setTimeout(poll, 4000);
})();
