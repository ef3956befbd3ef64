// The language-justification toggle of the offer form (the CNP field: cnp-autocomplete.js).
(function () {
  "use strict";
  var requirement = document.getElementById("other_language_requirement");
  var justification = document.getElementById("language_justification");
  if (requirement && justification) {
    var box = justification.closest(".field");
    var toggle = function () { box.hidden = requirement.value !== "required"; };
    requirement.addEventListener("change", toggle);
    toggle();
  }
})();
