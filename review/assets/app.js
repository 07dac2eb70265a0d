// gongkai review: the list filters. Every row is in the page; filtering
// only hides rows, so the pages work the same served or opened from disk.
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function count(rows) {
    var n = 0;
    rows.forEach(function (r) { if (!r.hidden) n++; });
    var s = $("shown");
    if (s) s.textContent = n + " of " + rows.length + " shown";
  }
  function bodies() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.body-row"));
    var q = $("q"), only = $("findings-only"), from = $("from"), to = $("to"), format = $("format"), status = $("status");
    var params = new URLSearchParams(location.search);
    if (params.get("q")) q.value = params.get("q");
    function apply() {
      var text = q.value.trim().toLowerCase();
      var f = parseInt(from.value, 10), t = parseInt(to.value, 10);
      rows.forEach(function (r) {
        var ok = true;
        if (text && r.dataset.name.toLowerCase().indexOf(text) < 0) ok = false;
        if (only.checked && r.dataset.findings === "0") ok = false;
        if (!isNaN(f) || !isNaN(t)) {
          var ys = r.dataset.years.split(" ").map(Number);
          ok = ok && ys.some(function (y) { return (isNaN(f) || y >= f) && (isNaN(t) || y <= t); });
        }
        if (format.value && r.dataset.formats.split(" ").indexOf(format.value) < 0) ok = false;
        if (status.value && r.dataset.statuses.split(" ").indexOf(status.value) < 0) ok = false;
        r.hidden = !ok;
      });
      count(rows);
    }
    [q, only, from, to, format, status].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
    apply();
  }
  function findings() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding-row"));
    var rule = $("rule"), severity = $("severity");
    var families = [];
    rows.forEach(function (r) {
      var fam = family(r.dataset.rule);
      if (families.indexOf(fam) < 0) families.push(fam);
    });
    families.sort().forEach(function (f) {
      var o = document.createElement("option");
      o.value = f; o.textContent = f; rule.appendChild(o);
    });
    var params = new URLSearchParams(location.search);
    if (params.get("rule")) rule.value = params.get("rule");
    if (params.get("severity")) severity.value = params.get("severity");
    function apply() {
      rows.forEach(function (r) {
        r.hidden = (rule.value && family(r.dataset.rule) !== rule.value) || (severity.value && r.dataset.severity !== severity.value);
      });
      count(rows);
    }
    rule.addEventListener("change", apply);
    severity.addEventListener("change", apply);
    apply();
  }
  // A rule's family: carryover:total → carryover, applications.balance:total → applications.balance.
  function family(rule) { return rule.split(":")[0]; }
  document.addEventListener("DOMContentLoaded", function () {
    if ($("body-filters")) bodies();
    if ($("finding-filters")) findings();
  });
})();
