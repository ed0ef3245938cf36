#include "io/report_assets.h"

namespace integrasim {

namespace {

// The width is fixed in millimetres so that the charts Chart.js sizes on screen are the
// ones that print on A4, with no resize at print time.
constexpr std::string_view k_css = R"css(
@page { size: A4; margin: 12mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
html { background: #f4f6f7; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.4;
  color: #1c2833; background: #fff; width: 186mm; margin: 0 auto; padding: 8mm 0 10mm 0; }
header, section, footer { padding: 0 6mm; }
h1 { font-size: 17pt; margin: 0 0 1mm 0; color: #1b4f72; }
h2 { font-size: 12pt; margin: 6mm 0 2mm 0; color: #1b4f72; border-bottom: 0.4mm solid #d5dbdb; padding-bottom: 1mm; }
p { margin: 1mm 0 2mm 0; }
.description { font-size: 11pt; color: #34495e; margin-bottom: 3mm; }
.note { font-size: 8.5pt; color: #566573; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 2mm 0; }
th, td { padding: 1mm 1.5mm; border-bottom: 0.2mm solid #e5e8e8; vertical-align: top; }
th { text-align: left; font-weight: 600; background: #f2f4f4; }
table.numbers td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.numbers th.num { text-align: right; }
table.facts th { width: 38mm; background: none; font-weight: 600; }
.se { color: #566573; }
.chart { position: relative; width: 100%; height: 68mm; margin: 1mm 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4mm; }
.pair .chart { height: 58mm; }
#tornado .chart, #voi .chart { height: 100mm; }
.chart-title { font-size: 9pt; font-weight: 600; margin: 1mm 0 0 0; }
footer { margin-top: 6mm; font-size: 8pt; color: #7f8c8d; }
@media print {
  html { background: #fff; }
  body { padding: 0; }
  section { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
)css";

constexpr std::string_view k_error_catcher = R"js(
(function () {
  'use strict';
  var errors = [];
  function record(text) {
    errors.push(String(text));
    document.documentElement.setAttribute('data-report-errors', errors.join(' | '));
  }
  window.reportRecordError = record;
  window.addEventListener('error', function (event) {
    record(event.message || (event.target && event.target.tagName) || 'error');
  }, true);
  window.addEventListener('unhandledrejection', function (event) { record(event.reason); });
  var consoleError = console.error;
  console.error = function () {
    record(Array.prototype.join.call(arguments, ' '));
    consoleError.apply(console, arguments);
  };
})();
)js";

constexpr std::string_view k_charts = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var L = data.labels;
  var locale = data.language === 'da' ? 'da-DK' : 'en-GB';
  var palette = ['#1b4f72', '#c0392b', '#229954', '#7d3c98', '#d68910', '#148f77', '#5d6d7e'];
  var stateColours = { benefit: '#e59866', employed: '#1f618d', education: '#52be80',
    off_benefit: '#f4d03f', exit: '#839192' };
  var armIndex = {};
  data.arms.forEach(function (arm, i) { armIndex[arm.name] = i; });
  function colour(arm) { return palette[armIndex[arm] % palette.length]; }
  // The engine's reference arm is shown by what it is; the scenario's arms by their names.
  function armLabel(arm) {
    return data.arms[armIndex[arm]].role === 'no_intervention' ? L.no_intervention : arm;
  }
  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function number(value, decimals) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals,
      maximumFractionDigits: decimals }).format(value);
  }
  function percent(value) { return number(100 * value, 0) + ' %'; }
  function months(n) { var out = []; for (var m = 1; m <= n; ++m) out.push(m); return out; }
  function axis(title, format, extra) {
    var scale = { title: { display: true, text: title }, ticks: {} };
    if (format) scale.ticks.callback = function (value) { return format(value); };
    for (var k in extra) scale[k] = extra[k];
    return scale;
  }

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.devicePixelRatio = 2;  // sharp when printed
  Chart.defaults.font.size = 10;
  Chart.defaults.font.family = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';
  Chart.defaults.color = '#1c2833';
  Chart.defaults.plugins.legend.labels.boxWidth = 14;
  Chart.defaults.plugins.legend.labels.filter = function (item) { return item.text !== ''; };

  // 95 % whiskers for bar datasets that carry `errors` ([low, high] per bar).
  Chart.register({
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var horizontal = chart.options.indexAxis === 'y';
      var scale = horizontal ? chart.scales.x : chart.scales.y;
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (dataset, i) {
        var meta = chart.getDatasetMeta(i);
        if (!dataset.errors || meta.hidden) return;
        ctx.save();
        ctx.strokeStyle = '#17202a';
        ctx.lineWidth = 1.2;
        meta.data.forEach(function (bar, j) {
          var e = dataset.errors[j];
          if (!e || e[0] === null || e[1] === null) return;
          var a = scale.getPixelForValue(e[0]), b = scale.getPixelForValue(e[1]);
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, bar.y); ctx.lineTo(b, bar.y);
            ctx.moveTo(a, bar.y - 3); ctx.lineTo(a, bar.y + 3);
            ctx.moveTo(b, bar.y - 3); ctx.lineTo(b, bar.y + 3);
          } else {
            ctx.moveTo(bar.x, a); ctx.lineTo(bar.x, b);
            ctx.moveTo(bar.x - 3, a); ctx.lineTo(bar.x + 3, a);
            ctx.moveTo(bar.x - 3, b); ctx.lineTo(bar.x + 3, b);
          }
          ctx.stroke();
        });
        ctx.restore();
      });
    }
  });

  function interval(e) { return [e.value - 1.96 * e.se, e.value + 1.96 * e.se]; }
  var charts = [];
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) { window.reportRecordError('no canvas ' + id); return; }
    try {
      charts.push(new Chart(canvas, config));
    } catch (error) {
      window.reportRecordError('chart ' + id + ': ' + error.message);
    }
  }

  // Employment curves with 95 % bands: for each arm an upper edge, a lower edge filled
  // up to it, and the line itself. (Each chart is drawn when its data are present: a
  // sensitivity analysis's page has other charts than a run's.)
  if (data.employment) (function () {
    var datasets = [];
    data.employment.forEach(function (series) {
      var c = colour(series.arm);
      var upper = series.share.map(function (v, k) { return v + 1.96 * series.se[k]; });
      var lower = series.share.map(function (v, k) { return v - 1.96 * series.se[k]; });
      var dashed = data.arms[armIndex[series.arm]].role === 'no_intervention';
      datasets.push({ label: '', data: upper, borderWidth: 0, pointRadius: 0, fill: false });
      datasets.push({ label: '', data: lower, borderWidth: 0, pointRadius: 0, fill: '-1',
        backgroundColor: alpha(c, 0.22) });
      datasets.push({ label: armLabel(series.arm), data: series.share, borderColor: c, backgroundColor: c,
        borderWidth: 2, pointRadius: 0, fill: false, borderDash: dashed ? [5, 4] : [] });
    });
    draw('chart-employment', { type: 'line',
      data: { labels: months(data.employment[0].share.length), datasets: datasets },
      options: { scales: { x: axis(L.month_axis, null, { ticks: { maxTicksLimit: 13, maxRotation: 0 } }),
        y: axis(L.share_axis, percent, { min: 0 }) } } });
  })();

  // Shares in each state, stacked, one chart per arm.
  (data.states || []).forEach(function (arm, i) {
    var datasets = arm.series.map(function (s, k) {
      var c = stateColours[s.state] || palette[k % palette.length];
      return { label: s.label, data: s.share, borderColor: c, backgroundColor: alpha(c, 0.85),
        borderWidth: 0.5, pointRadius: 0, fill: k === 0 ? 'origin' : '-1' };
    });
    draw('chart-states-' + i, { type: 'line',
      data: { labels: months(arm.series[0].share.length), datasets: datasets },
      options: { plugins: { legend: { position: 'bottom' } },
        scales: { x: axis(L.month_axis, null, { ticks: { maxTicksLimit: 7, maxRotation: 0 } }),
          y: axis(L.share_axis, percent, { stacked: true, min: 0, max: 1 }) } } });
  });

  // Waterfall of the decomposition: each component floats from where the previous one
  // ended; the net effect and the total stand on zero.
  (data.decomposition || []).forEach(function (arm, i) {
    var labels = [], bars = [], colours = [], errors = [];
    var level = 0, net = null, total = null;
    arm.components.forEach(function (c) {
      if (c.component === 'net') { net = c; return; }
      if (c.component === 'total') { total = c; return; }
      if (c.component === 'benefit_rules' && c.effect === 0) return;
      labels.push(c.label);
      bars.push([level, level + c.effect]);
      errors.push([level + c.effect - 1.96 * c.se, level + c.effect + 1.96 * c.se]);
      colours.push(c.effect >= 0 ? '#229954' : '#c0392b');
      level += c.effect;
    });
    [net, total].forEach(function (c) {
      if (!c) return;
      labels.push(c.label);
      bars.push([0, c.effect]);
      errors.push(interval({ value: c.effect, se: c.se }));
      colours.push('#1b4f72');
    });
    draw('chart-decomposition-' + i, { type: 'bar',
      data: { labels: labels, datasets: [{ label: '', data: bars, backgroundColor: colours, errors: errors }] },
      options: { plugins: { legend: { display: false } },
        scales: { y: axis(L.months_axis, function (v) { return number(v, 1); }) } } });
  });

  // Costs per person with 95 % whiskers.
  if (data.costs) draw('chart-costs', { type: 'bar',
    data: { labels: data.costs.metrics.map(function (m) { return m.label; }),
      datasets: data.costs.arms.map(function (arm) {
        return { label: arm.arm, backgroundColor: colour(arm.arm),
          data: arm.values.map(function (e) { return e.value; }), errors: arm.values.map(interval) };
      }) },
    options: { scales: { y: axis(L.dkk_axis, function (v) { return number(v, 0); }) } } });

  // What works for whom: the difference in each subgroup.
  if (data.subgroups && document.getElementById('chart-subgroups')) draw('chart-subgroups', { type: 'bar',
    data: { labels: data.subgroups.groups.map(function (g) { return g.label; }),
      datasets: data.subgroups.arms.map(function (arm) {
        return { label: arm.arm, backgroundColor: alpha(colour(arm.arm), 0.8),
          data: arm.diff.map(function (e) { return e.value; }), errors: arm.diff.map(interval) };
      }) },
    options: { indexAxis: 'y', scales: { x: axis(L.difference + ', ' + L.months_axis.toLowerCase(),
      function (v) { return number(v, 1); }) } } });

  if (data.calendar) {
    var datasets = [];
    var length = 0;
    data.calendar.arms.forEach(function (arm) {
      var c = colour(arm.arm);
      length = Math.max(length, arm.on_benefit.length);
      datasets.push({ label: arm.arm + ', ' + L.on_benefit, data: arm.on_benefit, borderColor: c,
        backgroundColor: c, borderWidth: 2, pointRadius: 0 });
      arm.queued.forEach(function (q) {
        datasets.push({ label: arm.arm + ', ' + L.queued + ' (' + q.intervention + ')', data: q.values,
          borderColor: c, backgroundColor: c, borderWidth: 1.5, borderDash: [5, 3], pointRadius: 0 });
      });
    });
    var calendarMonths = [];
    for (var m = 0; m < length; ++m) calendarMonths.push(m);
    draw('chart-calendar', { type: 'line', data: { labels: calendarMonths, datasets: datasets },
      options: { scales: { x: axis(L.month_axis, null, { ticks: { maxTicksLimit: 13, maxRotation: 0 } }),
        y: axis(L.real_persons_axis, function (v) { return number(v, 0); }, { min: 0 }) } } });
  }

  if (data.budget) {
    draw('chart-budget', { type: 'bar',
      data: { labels: data.budget.years.map(function (y) { return L.year + ' ' + (y + 1); }),
        datasets: data.budget.arms.map(function (arm) {
          return { label: arm.arm, backgroundColor: colour(arm.arm),
            data: arm.values.map(function (e) { return e.value; }), errors: arm.values.map(interval) };
        }) },
      options: { scales: { x: axis(L.year_axis), y: axis(L.dkk_axis + ', ' + L.municipal_net_cost,
        function (v) { return number(v / 1e6, 1) + ' ' + L.million; }) } } });
  }

  if (data.draws) {
    // A histogram of the per-draw differences, on bins shared by all arms.
    var all = [];
    data.draws.arms.forEach(function (arm) { all = all.concat(arm.diffs.filter(function (v) { return v !== null; })); });
    var low = Math.min.apply(null, all), high = Math.max.apply(null, all);
    var bins = Math.max(5, Math.min(25, Math.round(Math.sqrt(all.length)) + 3));
    var width = high > low ? (high - low) / bins : 1;
    var centres = [];
    for (var b = 0; b < bins; ++b) centres.push(number(low + (b + 0.5) * width, 2));
    draw('chart-draws', { type: 'bar',
      data: { labels: centres, datasets: data.draws.arms.map(function (arm) {
        var counts = new Array(bins).fill(0);
        arm.diffs.forEach(function (v) {
          if (v === null) return;
          counts[Math.min(bins - 1, Math.floor((v - low) / width))] += 1;
        });
        return { label: arm.arm, backgroundColor: alpha(colour(arm.arm), 0.8), data: counts,
          barPercentage: 1.0, categoryPercentage: 0.95 };
      }) },
      options: { scales: { x: axis(L.difference + ', ' + L.months_axis.toLowerCase()),
        y: axis(L.draws_axis, function (v) { return number(v, 0); }, { min: 0 }) } } });
  }

  // Tornado: the decision metric (arm minus comparator) with each parameter at the low
  // and the high end of its interval, largest swing on top, around the point value.
  (data.tornado || []).forEach(function (arm, i) {
    var c = colour(arm.arm);
    draw('chart-tornado-' + i, { type: 'bar',
      data: { labels: arm.rows.map(function (r) { return r.parameter; }),
        datasets: [
          { label: L.at_low, backgroundColor: alpha('#c0392b', 0.75),
            data: arm.rows.map(function (r) { return [arm.point, r.at_low]; }) },
          { label: L.at_high, backgroundColor: alpha(c, 0.75),
            data: arm.rows.map(function (r) { return [arm.point, r.at_high]; }) }] },
      options: { indexAxis: 'y', plugins: { legend: { position: 'bottom' } },
        scales: { y: { stacked: true, ticks: { autoSkip: false, font: { size: 8 } } },
          x: axis(L.metric, function (v) { return number(v, 2); }) } } });
  });

  // Value of information: EVPI and the expected value of perfect information per group
  // and parameter, per person.
  if (data.voi && data.voi.rows.length > 0) {
    draw('chart-voi', { type: 'bar',
      data: { labels: data.voi.rows.map(function (r) { return r.name; }),
        datasets: [{ label: '', data: data.voi.rows.map(function (r) { return r.per_person; }),
          backgroundColor: data.voi.rows.map(function (r) {
            return r.kind === 'all' ? '#1b4f72' : (r.kind === 'group' ? '#148f77' : '#d68910'); }) }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } },
        scales: { y: { ticks: { autoSkip: false, font: { size: 8 } } },
          x: axis(L.metric, function (v) { return number(v, 3); }, { min: 0 }) } } });
  }

  // Coloured pixels (not grey, black or white) inside each plot area: the proof for the
  // browser test that data, not only axes, were drawn.
  charts.forEach(function (chart) {
    var area = chart.chartArea, ratio = chart.currentDevicePixelRatio || 1;
    var x = Math.floor(area.left * ratio), y = Math.floor(area.top * ratio);
    var w = Math.max(1, Math.floor((area.right - area.left) * ratio));
    var h = Math.max(1, Math.floor((area.bottom - area.top) * ratio));
    var pixels = chart.ctx.getImageData(x, y, w, h).data;
    var painted = 0;
    for (var p = 0; p < pixels.length; p += 4) {
      var r = pixels[p], g = pixels[p + 1], bl = pixels[p + 2];
      if (pixels[p + 3] > 0 && Math.max(r, g, bl) - Math.min(r, g, bl) > 40) painted += 1;
    }
    chart.canvas.setAttribute('data-painted', String(painted));
  });
  document.documentElement.setAttribute('data-report-charts', String(charts.length));
  document.documentElement.setAttribute('data-report-state', 'drawn');
})();
)js";

}  // namespace

std::string_view report_css() {
  return k_css;
}
std::string_view report_error_catcher_js() {
  return k_error_catcher;
}
std::string_view report_charts_js() {
  return k_charts;
}

}  // namespace integrasim
