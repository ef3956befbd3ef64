// CNP autocomplete over the French example titles, and the language-justification toggle.
(function () {
  "use strict";
  var input = document.getElementById("noc_code");
  var list = document.getElementById("cnp-suggestions");
  if (input && list) {
    input.setAttribute("list", "cnp-suggestions");
    input.setAttribute("autocomplete", "off");
    var timer = null;
    input.addEventListener("input", function () {
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
    });
  }
  var requirement = document.getElementById("other_language_requirement");
  var justification = document.getElementById("language_justification");
  if (requirement && justification) {
    var box = justification.closest(".field");
    var toggle = function () { box.hidden = requirement.value !== "required"; };
    requirement.addEventListener("change", toggle);
    toggle();
  }
})();
