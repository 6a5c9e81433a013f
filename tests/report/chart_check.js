(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  function run() {
    var out = {errors: errors, charts: []};
    var svgs = document.querySelectorAll('svg.chart');
    for (var i = 0; i < svgs.length; i++) {
      var svg = svgs[i], box = svg.getBoundingClientRect(), rows = {}, untitled = 0, over = [];
      var marks = svg.querySelectorAll('[data-row]');
      for (var j = 0; j < marks.length; j++) {
        rows[marks[j].getAttribute('data-row')] = 1;
        if (!marks[j].querySelector('title')) untitled++;
      }
      var texts = svg.querySelectorAll('text');
      for (var j = 0; j < texts.length; j++) {
        var b = texts[j].getBoundingClientRect();
        if (b.width > 0 && (b.left < box.left - 0.5 || b.right > box.right + 0.5 ||
                            b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5))
          over.push(texts[j].textContent);
      }
      out.charts.push({report: svg.getAttribute('data-report'), kind: svg.getAttribute('data-chart'),
                       rows: Object.keys(rows).map(Number).sort(function (a, b) { return a - b; }),
                       untitled: untitled, overflow: over, width: box.width});
    }
    out.resources = performance.getEntriesByType('resource').map(function (e) { return e.name; });
    var el = document.createElementNS(document.documentElement.namespaceURI, document.documentElement.namespaceURI.indexOf('svg') >= 0 ? 'desc' : 'pre');
    el.setAttribute('id', 'hs-check');
    el.textContent = JSON.stringify(out);
    document.documentElement.appendChild(el);
  }
  if (document.readyState === 'complete') run(); else window.addEventListener('load', run);
})();
