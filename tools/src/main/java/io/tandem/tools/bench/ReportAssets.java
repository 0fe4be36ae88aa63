package io.tandem.tools.bench;

/**
 * The report's style sheet and plotting script, inlined into every report so that the file
 * needs nothing from a network. The script reads the JSON in {@code #bench-data} and draws each
 * plot as an SVG: x = log10(1/(1-p)), y linear from 0, one {@code polyline.series} per line.
 */
final class ReportAssets
{
    static final String CSS = """
        body { font-family: sans-serif; margin: 1.5em; color: #222; max-width: 1100px; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
        p.run, p.hint { font-size: 0.85em; color: #555; }
        table.figures { border-collapse: collapse; font-size: 0.85em; }
        table.figures th, table.figures td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; }
        table.figures td.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.figures th { vertical-align: bottom; } table.figures th.row { font-weight: normal; }
        table.figures small { color: #777; font-weight: normal; }
        h3 { font-size: 1em; margin: 1.2em 0 0.3em 0; }
        ul.notes { font-size: 0.85em; color: #555; }
        div.plot { margin: 1em 0 2em 0; }
        div.plot h3 { font-size: 1em; margin: 0 0 0.3em 0; }
        svg text { font-size: 11px; fill: #333; }
        svg .grid { stroke: #e4e4e4; stroke-width: 1; }
        svg .axis { stroke: #888; stroke-width: 1; }
        svg polyline.series { fill: none; stroke-width: 2; }
        .plot-error { color: #b00; }
        """;

    static final String PLOT_SCRIPT = """
        (function () {
          var NS = 'http://www.w3.org/2000/svg';
          var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
          function el(name, attrs, parent) {
            var e = document.createElementNS(NS, name);
            for (var k in attrs) { e.setAttribute(k, attrs[k]); }
            if (parent) { parent.appendChild(e); }
            return e;
          }
          function text(x, y, s, anchor, parent) {
            var t = el('text', {x: x, y: y, 'text-anchor': anchor || 'middle'}, parent);
            t.textContent = s;
            return t;
          }
          function percentileLabel(decade) {
            if (decade === 0) { return '0%'; }
            var p = 100 - Math.pow(10, 2 - decade);
            return (decade <= 2 ? p.toFixed(0) : p.toFixed(decade - 2)) + '%';
          }
          function niceStep(range) {
            var raw = range / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), n = raw / mag;
            return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
          }
          function colourKey(series) { return series.configuration; }
          function draw(plot, container) {
            // The legend goes under the plot, one row per line, so that long labels are never cut.
            var W = 820, L = 70, R = 20, T = 12, B = 44, LEGEND_ROW = 18;
            var H = 380 + plot.series.length * LEGEND_ROW, PLOT_BOTTOM = 380;
            var div = document.createElement('div');
            div.className = 'plot';
            var h = document.createElement('h3');
            h.textContent = plot.title;
            div.appendChild(h);
            container.appendChild(div);
            var maxX = 2, maxY = 0;
            plot.series.forEach(function (s) {
              s.points.forEach(function (p) {
                var x = Math.log10(1 / (1 - Math.min(p[0], 1 - 1e-9)));
                maxX = Math.max(maxX, Math.ceil(x));
                maxY = Math.max(maxY, p[1]);
              });
            });
            if (maxY <= 0) { maxY = 1; }
            var step = niceStep(maxY * 1.05), topY = Math.ceil(maxY * 1.05 / step) * step;
            var svg = el('svg', {width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, 'class': 'percentile-plot'}, div);
            var px = function (x) { return L + (W - L - R) * x / maxX; };
            var py = function (y) { return PLOT_BOTTOM - B - (PLOT_BOTTOM - T - B) * y / topY; };
            for (var d = 0; d <= maxX; d++) {
              el('line', {x1: px(d), y1: py(0), x2: px(d), y2: py(topY), 'class': 'grid'}, svg);
              text(px(d), PLOT_BOTTOM - B + 16, percentileLabel(d), 'middle', svg);
            }
            for (var y = 0; y <= topY + step / 2; y += step) {
              el('line', {x1: px(0), y1: py(y), x2: px(maxX), y2: py(y), 'class': 'grid'}, svg);
              text(L - 6, py(y) + 4, (+y.toPrecision(6)).toString(), 'end', svg);
            }
            el('line', {x1: px(0), y1: py(0), x2: px(maxX), y2: py(0), 'class': 'axis'}, svg);
            el('line', {x1: px(0), y1: py(0), x2: px(0), y2: py(topY), 'class': 'axis'}, svg);
            text((L + W - R) / 2, PLOT_BOTTOM - 12, 'percentile', 'middle', svg);
            var yLabel = text(14, (T + PLOT_BOTTOM - B) / 2, plot.unit, 'middle', svg);
            yLabel.setAttribute('transform', 'rotate(-90 14 ' + (T + PLOT_BOTTOM - B) / 2 + ')');
            var colours = {}, next = 0;
            plot.series.forEach(function (s, i) {
              var key = colourKey(s);
              if (!(key in colours)) { colours[key] = COLOURS[next++ % COLOURS.length]; }
              var colour = colours[key];
              var pts = s.points.map(function (p) {
                var x = Math.log10(1 / (1 - Math.min(p[0], 1 - 1e-9)));
                return px(x).toFixed(1) + ',' + py(p[1]).toFixed(1);
              }).join(' ');
              var line = el('polyline', {points: pts, stroke: colour, 'class': 'series',
                'data-label': s.label, 'stroke-dasharray': s.dashed ? '6 4' : 'none'}, svg);
              var title = el('title', {}, line);
              title.textContent = s.label + ' (' + s.count + ' values)';
              var ly = PLOT_BOTTOM + 4 + i * LEGEND_ROW;
              el('line', {x1: L, y1: ly - 4, x2: L + 24, y2: ly - 4, stroke: colour, 'stroke-width': 2,
                'stroke-dasharray': s.dashed ? '6 4' : 'none'}, svg);
              text(L + 30, ly, s.label + ' (' + s.count + ' values)', 'start', svg);
            });
          }
          var container = document.getElementById('plots');
          try {
            var data = JSON.parse(document.getElementById('bench-data').textContent);
            if (data.length === 0) { container.textContent = 'No distributions in this run.'; }
            data.forEach(function (plot) { draw(plot, container); });
            document.body.setAttribute('data-plots-drawn', String(data.length));
          } catch (e) {
            var p = document.createElement('p');
            p.className = 'plot-error';
            p.textContent = 'The plots could not be drawn: ' + e;
            container.appendChild(p);
          }
        })();
        """;

    private ReportAssets()
    {
    }
}
