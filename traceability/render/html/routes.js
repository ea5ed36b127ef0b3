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
})();
