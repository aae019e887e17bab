// A monitor's page: its reports over time (PSI per feature, drifted share, performance) drawn with uPlot.
(function () {
  "use strict";
  var COLORS = ["#1c4fb8", "#e07b39", "#22662f", "#b8325c", "#6b4fb8", "#0f8b8d", "#8a5a00", "#555"];

  // one report is one instant: give the time axis an hour around it instead of a degenerate range
  function timeRange(times) {
    return times.length > 1 ? null : [times[0] - 1800, times[0] + 1800];
  }

  function draw(el, times, series, yRange) {
    if (!window.uPlot || !times.length) {
      return;
    }
    var names = Object.keys(series);
    var data = [times].concat(names.map(function (n) { return series[n]; }));
    var opts = {
      width: Math.max(200, Math.floor(el.clientWidth || 600)),
      height: 240,
      scales: { x: { time: true, range: timeRange(times) }, y: yRange ? { range: yRange } : {} },
      series: [{ label: "time" }].concat(names.map(function (n, i) {
        return { label: n, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
                 points: { show: times.length < 60 } };
      })),
      axes: [{}, { size: 60 }]
    };
    el.textContent = "";
    new window.uPlot(opts, data, el);
  }

  function init() {
    var section = document.querySelector("[data-timelines]");
    if (!section) {
      return;
    }
    var timeline = JSON.parse(section.getAttribute("data-series"));
    section.querySelectorAll("[data-timeline]").forEach(function (el) {
      var kind = el.getAttribute("data-timeline");
      if (kind === "psi") {
        draw(el, timeline.times, timeline.psi);
      } else if (kind === "share") {
        draw(el, timeline.times, { "drifted share": timeline.driftedShare }, [0, 1]);
      } else {
        draw(el, timeline.times, timeline.performance);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
