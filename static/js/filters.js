// The registry's filters: choosing a province shows its communes and districts (the page is reloaded with it).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("registry-filters");
  var province = form && form.querySelector("select[name=province]");
  if (!province) return;
  province.addEventListener("change", function () {
    ["commune", "district"].forEach(function (name) {
      var select = form.querySelector("select[name=" + name + "]");
      if (select) select.value = "";
    });
    form.submit();
  });
});
