// Small page behaviours that work on every page; the pages work without them.
(function () {
  "use strict";

  // "Select all" checkbox: data-select-all names the checkboxes it toggles.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-select-all]")) return;
    var form = box.form || document;
    form.querySelectorAll('input[type=checkbox][name="' + box.dataset.selectAll + '"]').forEach(function (other) {
      other.checked = box.checked;
    });
  });

  // Suggested skill buttons append the skill to the target comma-separated field.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-add-skill]") : null;
    if (!button) return;
    var field = document.getElementById(button.dataset.target);
    if (!field) return;
    var skills = field.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    var skill = button.dataset.addSkill;
    var known = skills.some(function (s) { return s.toLowerCase() === skill.toLowerCase(); });
    if (!known) skills.push(skill);
    field.value = skills.join(", ");
    button.disabled = true;
    button.setAttribute("aria-label", skill + " added to required skills");
  });

  // Destructive forms ask first: <form data-confirm="Really?">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
