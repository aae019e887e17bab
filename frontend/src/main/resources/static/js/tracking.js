// Tracking pages: metric charts (uPlot), live run updates (server-sent events) and the compare view's
// parallel-coordinates plot. Data comes from data-* attributes and the session's JSON endpoints.
(function () {
  "use strict";

  var PALETTE = ["#2457c5", "#d9480f", "#2b8a3e", "#ae3ec9", "#c92a2a", "#1098ad", "#e67700", "#5c940d",
    "#862e9c", "#364fc7", "#a61e4d", "#0b7285", "#f08c00", "#495057", "#74b816", "#5f3dc4", "#e8590c",
    "#087f5b", "#d6336c", "#1864ab"];
  var SVG = "http://www.w3.org/2000/svg";

  function finite(v) {
    return typeof v === "number" && isFinite(v) ? v : null;
  }

  // ---- chart options shared by every chart of the page ----
  function settings() {
    var x = document.querySelector("[data-chart-x]");
    var log = document.querySelector("[data-chart-log]");
    var smoothing = document.querySelector("[data-chart-smoothing]");
    return {
      time: !!x && x.value === "time",
      log: !!log && log.checked,
      smoothing: smoothing ? parseFloat(smoothing.value) || 0 : 0
    };
  }

  // Exponential moving average, debiased at the start as TensorBoard does; gaps stay gaps.
  function ema(ys, weight) {
    var out = new Array(ys.length);
    var last = 0;
    var norm = 0;
    for (var i = 0; i < ys.length; i++) {
      if (ys[i] === null) {
        out[i] = null;
        continue;
      }
      last = last * weight + (1 - weight) * ys[i];
      norm = norm * weight + (1 - weight);
      out[i] = last / norm;
    }
    return out;
  }

  // One curve as a uPlot table [xs, ys], sorted by the chosen x.
  function table(points, s) {
    var rows = points.map(function (p) {
      var y = finite(p.value);
      if (s.log && y !== null && y <= 0) {
        y = null;
      }
      return [s.time ? p.timestamp / 1000 : p.step, y];
    });
    rows.sort(function (a, b) { return a[0] - b[0]; });
    return [rows.map(function (r) { return r[0]; }), rows.map(function (r) { return r[1]; })];
  }

  function plotWidth(el) {
    return Math.max(200, Math.floor(el.clientWidth || el.parentNode.clientWidth || 600));
  }

  // curves: [{label, color, points}]
  function draw(el, curves, s) {
    if (!window.uPlot) {
      return;
    }
    var tables = [];
    var series = [{ label: s.time ? "time" : "step" }];
    curves.forEach(function (curve) {
      var t = table(curve.points, s);
      if (s.smoothing > 0) {
        if (curves.length === 1) {
          tables.push(t);
          series.push({ label: curve.label + " (raw)", stroke: curve.color + "55", width: 1, spanGaps: true });
        }
        t = [t[0], ema(t[1], s.smoothing)];
      }
      tables.push(t);
      // uPlot shows points by itself where they are sparse (a metric logged once is a dot, not nothing)
      series.push({ label: curve.label, stroke: curve.color, width: 1.5, spanGaps: true });
    });
    var data = tables.length === 1 ? tables[0] : window.uPlot.join(tables);
    var opts = {
      width: plotWidth(el),
      height: 240,
      scales: { x: { time: s.time }, y: { distr: s.log ? 3 : 1 } },
      series: series,
      axes: [{}, { size: 60 }],
      legend: { live: true }
    };
    if (el._plot) {
      el._plot.destroy();
    }
    el.textContent = "";
    el._plot = new window.uPlot(opts, data, el);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.json();
      });
  }

  function onControls(redraw) {
    var range = document.querySelector("[data-chart-smoothing]");
    var shown = document.querySelector("[data-chart-smoothing-value]");
    document.querySelectorAll("[data-chart-x], [data-chart-log], [data-chart-smoothing]").forEach(function (c) {
      c.addEventListener(c.type === "range" ? "input" : "change", function () {
        if (shown && range) {
          shown.textContent = range.value;
        }
        redraw();
      });
    });
  }

  // ---- the run page ----
  function runPage(main) {
    var historyUrl = main.getAttribute("data-history-url");
    var charts = {};

    function load(figure) {
      var key = figure.getAttribute("data-metric");
      var plot = figure.querySelector("[data-chart-plot]");
      var width = plotWidth(plot);
      return getJson(historyUrl + "?key=" + encodeURIComponent(key) + "&maxPoints=" + width)
        .then(function (history) {
          charts[key] = { plot: plot, points: history.points, total: history.totalPoints };
          draw(plot, [{ label: key, color: PALETTE[0], points: history.points }], settings());
        })
        .catch(function () {
          plot.textContent = "The chart could not be loaded.";
        });
    }

    function redrawAll() {
      var s = settings();
      Object.keys(charts).forEach(function (key) {
        var c = charts[key];
        draw(c.plot, [{ label: key, color: PALETTE[0], points: c.points }], s);
      });
    }

    function figureFor(key) {
      var found = null;
      document.querySelectorAll("figure[data-metric]").forEach(function (f) {
        if (f.getAttribute("data-metric") === key) {
          found = f;
        }
      });
      return found;
    }

    document.querySelectorAll("figure[data-metric]").forEach(load);
    onControls(redrawAll);

    var eventsUrl = main.getAttribute("data-events-url");
    if (!eventsUrl || !window.EventSource) {
      return;
    }
    var source = new EventSource(eventsUrl);
    source.addEventListener("update", function (event) {
      var update = JSON.parse(event.data);
      var badge = document.querySelector("[data-run-status]");
      if (badge && badge.textContent !== update.status) {
        badge.textContent = update.status;
        badge.className = "badge status-" + update.status;
      }
      update.metrics.forEach(function (m) {
        document.querySelectorAll("[data-latest]").forEach(function (cell) {
          if (cell.getAttribute("data-latest") === m.key) {
            cell.textContent = typeof m.value === "number" ? String(Number(m.value.toPrecision(6))) : m.value;
          }
        });
        var figure = figureFor(m.key);
        if (!figure) {
          var grid = document.querySelector(".charts");
          if (!grid) {
            return; // the first metric of a run that had none: a reload shows the whole section
          }
          figure = document.createElement("figure");
          figure.className = "chart";
          figure.setAttribute("data-metric", m.key);
          var caption = document.createElement("figcaption");
          caption.textContent = m.key;
          var plot = document.createElement("div");
          plot.className = "chart-plot";
          plot.setAttribute("role", "img");
          plot.setAttribute("aria-label", "Line chart of metric " + m.key);
          plot.setAttribute("data-chart-plot", "");
          figure.appendChild(caption);
          figure.appendChild(plot);
          grid.appendChild(figure);
        }
        var known = charts[m.key];
        if (!known || known.total !== m.points) {
          load(figure);
        }
      });
      if (update.terminal) {
        source.close();
        if (main.getAttribute("data-reload-on-end") === "true") {
          // a training run's results (evaluation, log) are rendered by the server: show them
          window.setTimeout(function () { window.location.reload(); }, 500);
          return;
        }
        var note = document.querySelector("[data-live-note]");
        if (note) {
          note.hidden = true;
        }
      }
    });
  }

  // ---- the compare page ----
  function comparePage(main) {
    var ids = (main.getAttribute("data-ids") || "").split(",").filter(Boolean);
    var names = {};
    document.querySelectorAll("[data-run-id][data-run-name]").forEach(function (row) {
      names[row.getAttribute("data-run-id")] = row.getAttribute("data-run-name");
    });
    var figure = document.querySelector("figure[data-metric]");
    if (figure) {
      var key = figure.getAttribute("data-metric");
      var plot = figure.querySelector("[data-chart-plot]");
      var curves = [];
      var redraw = function () { draw(plot, curves, settings()); };
      getJson(main.getAttribute("data-history-url") + "?ids=" + encodeURIComponent(ids.join(",")) + "&key="
          + encodeURIComponent(key) + "&maxPoints=" + plotWidth(plot))
        .then(function (histories) {
          curves = histories.map(function (h) {
            var index = ids.indexOf(h.runId);
            return { label: names[h.runId] || h.runId, color: PALETTE[(index < 0 ? 0 : index) % PALETTE.length],
              points: h.points };
          });
          redraw();
        })
        .catch(function () {
          plot.textContent = "The chart could not be loaded.";
        });
      onControls(redraw);
    }
    var parallel = document.querySelector("[data-parallel]");
    if (parallel) {
      parallelCoordinates(parallel, JSON.parse(parallel.getAttribute("data-parallel")));
    }
  }

  // ---- parallel coordinates: one axis per param (numeric scaled, categorical spaced) and the metric ----
  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function isNumber(v) {
    return v !== null && v !== undefined && String(v).trim() !== "" && isFinite(Number(v));
  }

  function axis(label, values) {
    var present = values.filter(function (v) { return v !== null && v !== undefined; });
    if (present.length && present.every(isNumber)) {
      var nums = present.map(Number);
      var min = Math.min.apply(null, nums);
      var max = Math.max.apply(null, nums);
      return {
        label: label, numeric: true, ticks: [String(Number(max.toPrecision(4))), String(Number(min.toPrecision(4)))],
        pos: function (v) {
          if (!isNumber(v)) {
            return null;
          }
          return max === min ? 0.5 : 1 - (Number(v) - min) / (max - min);
        }
      };
    }
    var categories = [];
    values.forEach(function (v) {
      var c = v === null || v === undefined ? "—" : String(v);
      if (categories.indexOf(c) < 0) {
        categories.push(c);
      }
    });
    categories.sort();
    return {
      label: label, numeric: false, ticks: categories,
      pos: function (v) {
        var i = categories.indexOf(v === null || v === undefined ? "—" : String(v));
        return categories.length === 1 ? 0.5 : i / (categories.length - 1);
      }
    };
  }

  function colorFor(t) {
    // from blue (low) to orange-red (high)
    var a = [36, 87, 197];
    var b = [217, 72, 15];
    var c = a.map(function (x, i) { return Math.round(x + (b[i] - x) * t); });
    return "rgb(" + c.join(",") + ")";
  }

  function parallelCoordinates(container, data) {
    var runs = data.runs || [];
    var keys = (data.params || []).slice(0, 15);
    var axes = keys.map(function (k) {
      return axis(k, runs.map(function (r) { return r.params[k]; }));
    });
    var values = runs.map(function (r) { return r.value; });
    if (data.metric) {
      var metricAxis = axis(data.metric, values);
      metricAxis.isMetric = true;
      axes.push(metricAxis);
    }
    var numbers = values.filter(function (v) { return typeof v === "number"; });
    var vmin = Math.min.apply(null, numbers);
    var vmax = Math.max.apply(null, numbers);
    var top = 36;
    var bottom = 40;
    var height = 320;
    var gap = 140;
    var left = 70;
    var width = Math.max(500, left * 2 + gap * Math.max(1, axes.length - 1));
    var inner = height - top - bottom;
    var svg = el("svg", {
      width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Parallel coordinates of " + keys.length + " params and metric " + (data.metric || "none")
        + " for " + runs.length + " runs; lines coloured from blue (low " + (data.metric || "") + ") to red (high)",
      "data-testid": "parallel-svg"
    });
    el("title", {}, svg).textContent = "Params vs " + (data.metric || "metric");
    function x(i) {
      return axes.length === 1 ? width / 2 : left + i * (width - 2 * left) / (axes.length - 1);
    }
    runs.forEach(function (run) {
      var points = [];
      axes.forEach(function (a, i) {
        var p = a.pos(a.isMetric ? run.value : run.params[a.label]);
        if (p !== null) {
          points.push(x(i).toFixed(1) + "," + (top + p * inner).toFixed(1));
        }
      });
      var t = typeof run.value === "number" ? (vmax === vmin ? 0.5 : (run.value - vmin) / (vmax - vmin)) : null;
      var line = el("polyline", {
        points: points.join(" "), "class": "run-line", stroke: t === null ? "#adb5bd" : colorFor(t),
        "data-run-id": run.id
      }, svg);
      el("title", {}, line).textContent = run.name + ": " + (data.metric || "") + " = "
        + (run.value === null ? "—" : run.value);
    });
    axes.forEach(function (a, i) {
      var g = el("g", { "class": "axis" + (a.isMetric ? " metric-axis" : "") }, svg);
      el("line", { x1: x(i), x2: x(i), y1: top, y2: top + inner }, g);
      var label = el("text", { x: x(i), y: 16, "text-anchor": "middle", "font-weight": a.isMetric ? "700" : "600" }, g);
      label.textContent = a.label;
      var ticks = a.numeric ? a.ticks : a.ticks.slice(0, 12);
      ticks.forEach(function (tick, j) {
        var pos = a.numeric ? (j === 0 ? 0 : 1) : a.pos(tick === "—" ? null : tick);
        if (a.numeric && ticks[0] === ticks[1]) {
          pos = 0.5;
        }
        var text = el("text", { x: x(i) + 5, y: top + pos * inner + 4, "text-anchor": "start" }, g);
        text.textContent = tick.length > 14 ? tick.slice(0, 13) + "…" : tick;
      });
    });
    container.textContent = "";
    container.appendChild(svg);
  }

  function start() {
    var run = document.querySelector("[data-run-page]");
    if (run) {
      runPage(run);
    }
    var compare = document.querySelector("[data-compare-page]");
    if (compare) {
      comparePage(compare);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
