/* Evidence links (benefit -> aim) routed round the picture.
 *
 * A benefit is in the bottom layer and the aims it evidences in the top one:
 * drawn straight, such a link runs through the themes and projects between
 * them and crosses nearly everything. Routed, it leaves its benefit downwards
 * to a channel under the picture, runs to a lane beside it (the nearer side),
 * up that lane to a channel over the aims and down into its aim: it crosses
 * no theme or project. Each link has its own lane and channels, a gap apart,
 * the links to the aims furthest out on the outer lanes, so that the routes
 * on one side nest rather than cross where they turn towards their aims.
 *
 * goldenthreadRoutes(links, frame, gap): links are {id, from: {x, bottom},
 * to: {x, top}} in canvas units (the benefit's centre and the bottom of its
 * label, the aim's centre and the top of its box); frame is {left, right,
 * top, bottom} round every entity shown. Returns {id: [[x, y], ...]}, the
 * corners of each route from the benefit to the aim.
 *
 * goldenthreadBend(from, to, rows, pad, fromBox, toBox, others): a link that
 * skips a layer (a project contributing to an aim) bends through a gap in each
 * row of the layers between where it would otherwise run through an entity:
 * upright through the gap, between points a pad outside the row, at the gap's
 * middle or as near the straight line as the gap allows (a pad from its
 * entities): the nearer passage leaves a link close to its straight course
 * whatever the widths of the labels, so crossings do not hang on a font. Of
 * these, the one whose route crosses fewest of the other links (others,
 * [[x, y], [x, y]] segments), then the nearest. rows are {top, bottom, boxes} (boxes
 * sorted by left); the route starts and ends on the edges of fromBox and
 * toBox. Returns the corners, [[x, y], ...].
 *
 * goldenthreadDistance(points, p): how far the point p is from the route
 * through points (its nearest segment), for hovering over a route.
 */
(function () {
  "use strict";

  window.goldenthreadRoutes = function (links, frame, gap) {
    var middle = (frame.left + frame.right) / 2;
    var sides = { left: [], right: [] };
    links.forEach(function (link) {
      sides[(link.from.x + link.to.x) / 2 < middle ? "left" : "right"].push(link);
    });
    var routes = {};
    Object.keys(sides).forEach(function (side) {
      var outward = side === "left" ? -1 : 1;
      // The aim nearest the side takes the innermost lane; ties by benefit, then id: deterministic.
      var ordered = sides[side].slice().sort(function (a, b) {
        return outward * (b.to.x - a.to.x) || outward * (b.from.x - a.from.x) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      ordered.forEach(function (link, k) {
        var step = gap * (k + 1);
        var lane = side === "left" ? frame.left - step : frame.right + step;
        var below = frame.bottom + step;
        var above = frame.top - step;
        routes[link.id] = [
          [link.from.x, link.from.bottom],
          [link.from.x, below],
          [lane, below],
          [lane, above],
          [link.to.x, above],
          [link.to.x, link.to.top],
        ];
      });
    });
    return routes;
  };

  /* Whether the segment p-q passes through the box grown by pad (Liang-Barsky). */
  function hits(p, q, box, pad) {
    var t0 = 0, t1 = 1, dx = q[0] - p[0], dy = q[1] - p[1];
    var edges = [
      [-dx, p[0] - (box.left - pad)], [dx, box.right + pad - p[0]],
      [-dy, p[1] - (box.top - pad)], [dy, box.bottom + pad - p[1]],
    ];
    for (var i = 0; i < 4; i++) {
      var d = edges[i][0], room = edges[i][1];
      if (d === 0) {
        if (room < 0) {
          return false;
        }
      } else {
        var t = room / d;
        if (d < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t0 < t1;
  }

  /* Where the segment from p (inside box) towards q leaves the box. */
  function leave(p, q, box) {
    var dx = q[0] - p[0], dy = q[1] - p[1], t = 1;
    if (dx > 0) { t = Math.min(t, (box.right - p[0]) / dx); }
    if (dx < 0) { t = Math.min(t, (box.left - p[0]) / dx); }
    if (dy > 0) { t = Math.min(t, (box.bottom - p[1]) / dy); }
    if (dy < 0) { t = Math.min(t, (box.top - p[1]) / dy); }
    return [p[0] + dx * Math.max(0, t), p[1] + dy * Math.max(0, t)];
  }

  /* Whether two segments properly intersect (at one point inside both), as layout.py counts. */
  function cross(p1, p2, p3, p4) {
    function side(a, b, c) { return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]); }
    var d1 = side(p3, p4, p1), d2 = side(p3, p4, p2), d3 = side(p1, p2, p3), d4 = side(p1, p2, p4);
    return d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0 && (d1 > 0) !== (d2 > 0) && (d3 > 0) !== (d4 > 0);
  }

  function crossings(points, others) {
    var n = 0;
    for (var i = 0; i + 1 < points.length; i++) {
      for (var j = 0; j < others.length; j++) {
        if (cross(points[i], points[i + 1], others[j][0], others[j][1])) {
          n++;
        }
      }
    }
    return n;
  }

  window.goldenthreadDistance = function (points, p) {
    var least = Infinity;
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1], dx = b[0] - a[0], dy = b[1] - a[1];
      var length2 = dx * dx + dy * dy;
      var t = length2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2)) : 0;
      least = Math.min(least, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
    }
    return least;
  };

  window.goldenthreadBend = function (from, to, rows, pad, fromBox, toBox, others) {
    var up = to[1] < from[1];
    var points = [from];
    rows.slice().sort(function (a, b) { return up ? b.top - a.top : a.top - b.top; }).forEach(function (row) {
      var last = points[points.length - 1];
      if (!row.boxes.some(function (b) { return hits(last, to, b, pad); })) {
        return;
      }
      var boxes = row.boxes;
      var mid = (row.top + row.bottom) / 2;
      var x = last[0] + (to[0] - last[0]) * (mid - last[1]) / (to[1] - last[1]);
      // Through each gap at its middle, or as near the straight line as the gap allows.
      var near = function (lo, hi) { return Math.max(lo, Math.min(hi, x)); };
      var gaps = [
        boxes[0].left - 2 * pad, near(-Infinity, boxes[0].left - 2 * pad),
        boxes[boxes.length - 1].right + 2 * pad, near(boxes[boxes.length - 1].right + 2 * pad, Infinity),
      ];
      for (var i = 0; i + 1 < boxes.length; i++) {
        if (boxes[i + 1].left - boxes[i].right >= 2 * pad) {
          gaps.push((boxes[i].right + boxes[i + 1].left) / 2, near(boxes[i].right + pad, boxes[i + 1].left - pad));
        }
      }
      var ends = up ? [row.bottom + pad, row.top - pad] : [row.top - pad, row.bottom + pad];
      var best = null;
      gaps.forEach(function (g) {
        var cost = [crossings([last, [g, ends[0]], [g, ends[1]], to], others || []), Math.abs(g - x)];
        if (best === null || cost[0] < best[0] || (cost[0] === best[0] && cost[1] < best[1])) {
          best = [cost[0], cost[1], g];
        }
      });
      points.push([best[2], ends[0]], [best[2], ends[1]]);
    });
    points.push(to);
    if (points.length > 2) {
      points[0] = leave(from, points[1], fromBox);
      points[points.length - 1] = leave(to, points[points.length - 2], toBox);
    }
    return points;
  };
})();
