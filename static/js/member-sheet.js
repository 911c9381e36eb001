// A council member's sheet of one product: the running total of the points typed (comma or dot decimals).
(function () {
  var form = document.getElementById("member-sheet"), out = document.getElementById("running-total");
  if (!form || !out) { return; }
  var comma = (document.documentElement.lang || "vi").indexOf("vi") === 0;
  function total() {
    var sum = 0, bad = false;
    form.querySelectorAll("input[data-max]").forEach(function (input) {
      var text = input.value.trim().replace(",", ".");
      if (!text) { input.removeAttribute("aria-invalid"); return; }
      var value = /^[0-9]+(\.[0-9]{1,2})?$/.test(text) ? parseFloat(text) : NaN;
      var max = parseFloat(input.dataset.max.replace(",", "."));
      if (isNaN(value) || value > max) { input.setAttribute("aria-invalid", "true"); bad = true; return; }
      input.removeAttribute("aria-invalid");
      sum += Math.round(value * 100);
    });
    var text = (sum / 100).toString();
    out.textContent = (comma ? text.replace(".", ",") : text) + (bad ? " ?" : "");
  }
  form.addEventListener("input", total);
  total();
})();
