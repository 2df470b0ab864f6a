/* The claims register, sortable and filterable in the page: no external script, nothing fetched.
   A search box filters the rows by any word (claim, verdict, what was found, chapter), a list filters by verdict,
   and each column header sorts the table (verdicts in the order of the verdict scale). On a phone each row reads
   as a card, every value under its column's name (rk35.css). Without JavaScript the table reads as it is.
   The verdict order is written in by rk35/sphinx_ext.py from rk35.verdicts.Verdict. */
(function () {
  "use strict";
  var VERDICT_ORDER = /*VERDICT_ORDER*/[];

  function text(cell) { return cell.textContent.replace(/\s+/g, " ").trim(); }

  function setup(table) {
    var body = table.tBodies[0], head = table.tHead;
    if (!body || !head) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var verdictColumn = 1;
    rows.forEach(function (row, i) { row.setAttribute("data-position", String(i)); });

    var controls = document.createElement("div");
    controls.className = "rk35-register-controls";
    var search = document.createElement("input");
    search.type = "search";
    search.id = table.id + "-search";
    search.placeholder = "a word: Busan, LNG, 2022…";
    var searchLabel = document.createElement("label");
    searchLabel.htmlFor = search.id;
    searchLabel.textContent = "Find claims ";
    var verdict = document.createElement("select");
    verdict.id = table.id + "-verdict";
    var verdictLabel = document.createElement("label");
    verdictLabel.htmlFor = verdict.id;
    verdictLabel.textContent = "Verdict ";
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "any verdict";
    verdict.appendChild(all);
    VERDICT_ORDER.forEach(function (name) {
      var count = rows.filter(function (r) { return text(r.cells[verdictColumn]) === name; }).length;
      if (!count) { return; }
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name + " (" + count + ")";
      verdict.appendChild(option);
    });
    var shown = document.createElement("span");
    shown.className = "rk35-register-count";
    shown.setAttribute("aria-live", "polite");
    controls.appendChild(searchLabel);
    controls.appendChild(search);
    controls.appendChild(verdictLabel);
    controls.appendChild(verdict);
    controls.appendChild(shown);
    table.parentNode.insertBefore(controls, table);

    function filter() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean), wanted = verdict.value, n = 0;
      rows.forEach(function (row) {
        var haystack = text(row).toLowerCase();
        var keep = words.every(function (w) { return haystack.indexOf(w) >= 0; }) &&
          (!wanted || text(row.cells[verdictColumn]) === wanted);
        row.hidden = !keep;
        if (keep) { n += 1; }
      });
      shown.textContent = n === rows.length ? rows.length + " claims" : n + " of " + rows.length + " claims shown";
    }
    search.addEventListener("input", filter);
    verdict.addEventListener("change", filter);
    filter();

    // Each cell already carries its column's name (written by the build for every table: rk35/sphinx_ext.py), so on
    // a phone the register reads as cards like every table; here its headers become sort buttons.
    var headers = Array.prototype.slice.call(head.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rk35-sort";
      button.textContent = text(th);
      button.title = "Sort by " + text(th).toLowerCase();
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        function key(row) {
          if (column === verdictColumn) { return VERDICT_ORDER.indexOf(text(row.cells[column])); }
          return text(row.cells[column]).toLowerCase();
        }
        rows.slice().sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : Number(a.getAttribute("data-position")) - Number(b.getAttribute("data-position"));
          return ascending ? order : -order;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function start() {
    var table = document.getElementById("tbl-register");
    if (table) { setup(table); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
