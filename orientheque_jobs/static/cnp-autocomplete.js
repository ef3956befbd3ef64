// CNP autocomplete over the example titles: the offer form's CNP field and every input marked
// data-cnp (the matching profile) share one datalist, filled from /api/cnp.
(function () {
  "use strict";
  var list = document.getElementById("cnp-suggestions");
  if (!list) { return; }
  var timer = null;
  var suggest = function (input) {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || /^\d{5}/.test(q)) { return; }
    timer = setTimeout(function () {
      var lang = document.documentElement.lang === "en" ? "en" : "fr";
      fetch("/api/cnp?lang=" + lang + "&q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          list.textContent = "";
          items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.code + " — " + item.title;
            option.label = item.group;
            list.appendChild(option);
          });
        })
        .catch(function () { list.textContent = ""; });
    }, 200);
  };
  document.querySelectorAll("#noc_code, input[data-cnp]").forEach(function (input) {
    input.setAttribute("list", "cnp-suggestions");
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", function () { suggest(input); });
  });
})();
