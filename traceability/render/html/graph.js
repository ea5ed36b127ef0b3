/* goldenthread: the interactive golden-thread graph.
 *
 * Reads its data from the JSON block #gt-data (never from markup), draws it
 * with vis-network at the positions computed in Python, and wires the
 * controls. User text only ever reaches the page through textContent and
 * DOM elements (tooltips included), never innerHTML, so a title holding
 * markup stays text.
 *
 * Exposes window.goldenthread = {network, nodes, edges, ...} for tests and
 * users' own scripts.
 */
(function () {
  "use strict";

  // What is outside a highlighted thread: nearly transparent, its label pale.
  var FADED = 0.12;
  var FADED_FONT = "#cfcfcf";

  // Labels are 14 px at zoom 1; a readable picture never opens below this zoom.
  var LEAST_SCALE = 0.8;
  var MARGIN = 30;

  var source = document.getElementById("gt-data");
  var container = document.getElementById("gt-network");
  var viewport = document.getElementById("gt-viewport");
  if (!source || !container || typeof vis === "undefined") {
    return;
  }
  // Scripts run: the interactive picture replaces the static one on screen.
  document.documentElement.classList.add("gt-js");
  // Marks for the benchmark (tests/benchmarks/bench_render.py) and the curious.
  performance.mark("gt-start");
  var data = JSON.parse(source.textContent);
  performance.mark("gt-parsed");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // The full title: sent apart only when the label (wrapped, maybe cut) differs.
  function nameOf(n) {
    return n.name || n.label.replace(/\n/g, " ");
  }

  // The tooltip is an element of plain-text lines (vis-network 9 would show a
  // string title with innerText, but an element is explicit about it). One
  // element serves every node: it is filled for the node under the pointer
  // when vis shows the popup, so a 10,000-node page builds no 60,000 divs.
  var tip = el("div", "gt-tip");
  function tooltip(n) {
    var box = tip;
    box.textContent = "";
    box.appendChild(el("div", "gt-tip-title", nameOf(n)));
    box.appendChild(el("div", "", "id: " + n.id));
    box.appendChild(el("div", "", "kind: " + n.kind + (n.subkind ? " (" + n.subkind + ")" : "")));
    (n.lines || []).forEach(function (line) {
      box.appendChild(el("div", "", line));
    });
    (n.findings || []).forEach(function (f) {
      box.appendChild(el("div", "gt-tip-" + f[0], f[1]));
    });
    return box;
  }

  // A link's tooltip: its two ends by title and the relation in words.
  function linkTip(box, e) {
    box.textContent = "";
    box.appendChild(el("div", "gt-tip-title", nameOf(byId.get(e.from)) + " \u2192 " + nameOf(byId.get(e.to))));
    box.appendChild(el("div", "", data.relations[e.relation] || e.relation));
    return box;
  }
  // Links hover (a tooltip, drawn wider) only on a detailed picture, as vis-network's do.
  var HOVER = Boolean(data.options.interaction.hover);

  function groupFont(group) {
    return data.options.groups[group].font.color;
  }

  var byId = new Map();
  var succ = new Map();
  var pred = new Map();
  // The DataSet items hold what vis needs plus kind and state; the rest of
  // each node's data stays in byId (vis copies every field it is given).
  var items = data.nodes.map(function (n) {
    n.tags = n.tags || [];
    n.status = n.status || null;
    n.gap = n.gap || 0;
    byId.set(n.id, n);
    succ.set(n.id, []);
    pred.set(n.id, []);
    var item = { id: n.id, label: n.label, shape: n.shape, group: n.group, x: n.x, y: n.y, kind: n.kind };
    if (n.size !== undefined) {
      item.size = n.size;
    }
    item.title = tip;
    item.hidden = false;
    item.faded = false;
    return item;
  });
  var edgeColour = new Map();
  var byEdge = new Map();
  data.edges.forEach(function (e) {
    edgeColour.set(e.id, e.color);
    byEdge.set(e.id, e);
    succ.get(e.from).push(e.to);
    pred.get(e.to).push(e.from);
  });

  performance.mark("gt-prepared");
  var nodes = new vis.DataSet(items);
  var edges = new vis.DataSet(
    data.edges.map(function (e) {
      return Object.assign({}, e, HOVER ? { title: tip } : {}, { hidden: false, faded: false });
    })
  );
  // Data after the listener: vis may draw the first frame inside setData.
  var network = new vis.Network(container, {}, data.options);
  var drawn = false;
  var scale = null;
  // Links this page draws itself (routes.js), declared before the first drawing, which
  // may come inside setData: evidence links round the picture, skipping links bent
  // through a gap (id -> corners, computed at the first drawing).
  var ROUTED = !data.options.physics.enabled;
  var LAYER = {};
  data.kinds.forEach(function (k, i) { LAYER[k] = i; });
  var BEND_PAD = 6;
  var bends = null;
  var bent = [];
  var evidence = [];

  /* A picture small enough to read (data.readable) opens at a zoom where every
   * label is at least 11 px: the canvas grows to hold the whole picture at
   * that zoom and its box scrolls, rather than the text shrinking. Larger
   * pictures open fitted, as an overview. */
  function bounds(ids) {
    var box = null;
    (ids || network.body.nodeIndices).forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) {
        return;
      }
      box = box === null ? { left: b.left, right: b.right, top: b.top, bottom: b.bottom } : {
        left: Math.min(box.left, b.left),
        right: Math.max(box.right, b.right),
        top: Math.min(box.top, b.top),
        bottom: Math.max(box.bottom, b.bottom),
      };
    });
    return box;
  }

  function home(ids) {
    // A phone opens fitted: touch pans and pinches the picture itself.
    if (!data.readable || !viewport || viewport.clientWidth < 600) {
      network.fit({ nodes: ids || [], animation: false });
      return;
    }
    var box = bounds(ids);
    if (box === null) {
      return;
    }
    // Room for the evidence links shown, routed round the picture.
    var routes = ids ? {} : evidenceRoutes();
    Object.keys(routes).forEach(function (id) {
      routes[id].forEach(function (p) {
        box.left = Math.min(box.left, p[0]);
        box.right = Math.max(box.right, p[0]);
        box.top = Math.min(box.top, p[1]);
        box.bottom = Math.max(box.bottom, p[1]);
      });
    });
    var width = box.right - box.left + 2 * MARGIN;
    var height = box.bottom - box.top + 2 * MARGIN;
    var roomW = viewport.clientWidth;
    var roomH = viewport.clientHeight;
    scale = Math.min(1, Math.max(LEAST_SCALE, Math.min(roomW / width, roomH / height)));
    container.style.width = Math.max(roomW, Math.ceil(width * scale)) + "px";
    container.style.height = Math.max(roomH, Math.ceil(height * scale)) + "px";
    network.setSize(container.style.width, container.style.height);
    network.moveTo({
      position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
      scale: scale,
      animation: false,
    });
    // Opens at the top left: the first aim, where a reader starts.
    viewport.scrollLeft = 0;
    viewport.scrollTop = 0;
  }

  network.once("afterDrawing", function () {
    home();
    performance.mark("gt-drawn");
    if (bendLinks()) {
      // Drawn again with the bent links, out of this drawing and once the page is set up.
      setTimeout(function () {
        apply();
        drawn = true;
      }, 0);
    } else {
      drawn = true;
    }
  });
  network.setData({ nodes: nodes, edges: edges });
  performance.mark("gt-network");

  network.on("showPopup", function (id) {
    // A node and a link may share an id: vis says which it shows by the object it holds.
    var shown = network.interactionHandler && network.interactionHandler.popupObj;
    if (shown && network.body.edges[id] === shown) {
      linkTip(tip, byEdge.get(id));
    } else if (byId.has(id)) {
      tooltip(byId.get(id));
    } else {
      return;
    }
    // vis placed the popup by its old content; place it again by the new.
    var popup = network.interactionHandler && network.interactionHandler.popup;
    if (popup && typeof popup.show === "function") {
      popup.show();
    }
  });

  /* The golden threads of a set of entities: themselves, everything they
   * reach (towards the aims) and everything that reaches them. */
  function thread(ids) {
    var found = new Set();
    [succ, pred].forEach(function (adjacency) {
      var seen = new Set(ids);
      var todo = Array.from(seen);
      while (todo.length) {
        var next = adjacency.get(todo.pop()) || [];
        for (var i = 0; i < next.length; i++) {
          if (!seen.has(next[i])) {
            seen.add(next[i]);
            todo.push(next[i]);
          }
        }
      }
      seen.forEach(function (id) {
        found.add(id);
      });
    });
    return found;
  }

  var state = {
    kinds: new Set(data.kinds), tag: "", status: "", gapsOnly: false, withFindings: false, evidence: false,
    highlight: null,
  };

  function visibleSet() {
    var keep = null;
    function narrow(match) {
      var ids = [];
      byId.forEach(function (n, id) {
        if (match(n)) {
          ids.push(id);
        }
      });
      var t = thread(ids);
      keep = keep === null ? t : new Set(Array.from(keep).filter(function (id) { return t.has(id); }));
    }
    if (state.tag) {
      narrow(function (n) { return n.tags.indexOf(state.tag) >= 0; });
    }
    if (state.status) {
      narrow(function (n) { return n.status === state.status; });
    }
    if (state.gapsOnly) {
      narrow(function (n) { return n.gap === 1; });
    }
    if (state.withFindings) {
      narrow(function (n) { return (n.open || 0) > 0; });
    }
    var visible = new Set();
    byId.forEach(function (n, id) {
      if (state.kinds.has(n.kind) && (keep === null || keep.has(id))) {
        visible.add(id);
      }
    });
    return visible;
  }

  var count = document.getElementById("gt-count");

  /* Push hidden/faded state to the DataSets, touching only what changed. */
  function apply() {
    var visible = visibleSet();
    var lit = state.highlight !== null ? thread([state.highlight]) : null;
    var nodeChanges = [];
    nodes.forEach(function (item) {
      var hidden = !visible.has(item.id);
      var faded = lit !== null && !lit.has(item.id);
      if (hidden !== item.hidden || faded !== item.faded) {
        nodeChanges.push({
          id: item.id,
          hidden: hidden,
          faded: faded,
          opacity: faded ? FADED : 1,
          font: { color: faded ? FADED_FONT : groupFont(item.group) },
        });
      }
    });
    nodes.update(nodeChanges);
    var edgeChanges = [];
    // Redrawn by hand only when routed links come or go (vis redraws for its own changes).
    var routedBefore = (evidence ? evidence.length : 0) + (bent ? bent.length : 0);
    evidence = [];
    bent = [];
    edges.forEach(function (e) {
      var hidden = !visible.has(e.from) || !visible.has(e.to) ||
        (Boolean(e.optional) && !state.evidence && !(lit !== null && lit.has(e.from) && lit.has(e.to)));
      var faded = lit !== null && !(lit.has(e.from) && lit.has(e.to));
      if (bends && bends[e.id]) {
        if (!hidden) {
          bent.push({ id: e.id, faded: faded });
        }
        hidden = true;
      } else if (e.optional && ROUTED) {
        // Drawn by this page round the picture (routes.js), never straight by vis.
        if (!hidden) {
          evidence.push({ id: e.id, from: e.from, to: e.to, faded: faded });
        }
        hidden = true;
      }
      if (hidden !== e.hidden || faded !== e.faded) {
        var c = edgeColour.get(e.id);
        edgeChanges.push({
          id: e.id,
          hidden: hidden,
          faded: faded,
          color: faded ? { color: c, highlight: c, hover: c, inherit: false, opacity: FADED } : c,
        });
      }
    });
    edges.update(edgeChanges);
    if (routedBefore || evidence.length || bent.length) {
      network.redraw();
    }
    if (count) {
      count.textContent = "Showing " + visible.size + " of " + byId.size + " entities" +
        (byId.size < data.total ? " (" + data.total + " in the model)" : "");
    }
    return visible;
  }

  /* After a filter: the picture refits to what is left (the whole picture when nothing is filtered). */
  function refit(visible) {
    say(visible.size === 0 ? (state.gapsOnly ? "No gaps: no entity has an unwaived error." : "Nothing matches.") : "");
    if (visible.size === byId.size || visible.size === 0) {
      home();
      return;
    }
    // A part of the picture: fitted to the window, whatever the zoom that takes.
    if (viewport) {
      container.style.width = viewport.clientWidth + "px";
      container.style.height = viewport.clientHeight + "px";
      network.setSize(container.style.width, container.style.height);
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
    }
    scale = null;
    network.fit({ nodes: Array.from(visible), animation: false });
  }

  /* The evidence links shown, routed round the picture: {id: [[x, y], ...]} in canvas units. */
  var LANE_GAP = 8;
  var EVIDENCE_DASHES = (data.edges.find(function (e) { return e.optional && e.dashes; }) || { dashes: [] }).dashes;
  function evidenceRoutes() {
    if (!evidence || !evidence.length) {
      return {};
    }
    var frame = bounds(network.body.nodeIndices.filter(function (id) { return !nodes.get(id).hidden; }));
    var links = evidence.map(function (e) {
      var at = network.getPositions([e.from, e.to]);
      return {
        id: e.id,
        from: { x: at[e.from].x, bottom: network.getBoundingBox(e.from).bottom },
        to: { x: at[e.to].x, top: network.getBoundingBox(e.to).top },
      };
    });
    return window.goldenthreadRoutes(links, frame, LANE_GAP);
  }

  /* A link that skips a layer and would run through an entity of it (a project
   * contributing to an aim, through a theme) bends through the nearest gap in
   * that layer's row instead: {id: [[x, y], ...]}, computed once the boxes are
   * known (the first drawing) and again after a node is dragged. Readable
   * pictures only: a large one is an overview. */
  /* A node's shape, without a label drawn under it (a dot's, a diamond's). */
  function shapeBox(id) {
    var body = network.body.nodes[id];
    if (body.options.shape === "dot" || body.options.shape === "diamond") {
      var r = body.options.size;
      return { left: body.x - r, right: body.x + r, top: body.y - r, bottom: body.y + r };
    }
    return network.getBoundingBox(id);
  }
  function bendLinks() {
    if (!ROUTED || !data.readable) {
      return false;
    }
    var rows = {};
    nodes.forEach(function (n) {
      var b = network.getBoundingBox(n.id);
      var key = LAYER[n.kind] + ":" + Math.round(network.getPositions([n.id])[n.id].y);
      (rows[key] = rows[key] || { layer: LAYER[n.kind], boxes: [] }).boxes.push(b);
    });
    var ordered = Object.keys(rows).map(function (k) {
      var r = rows[k];
      r.boxes.sort(function (a, b) { return a.left - b.left; });
      r.top = Math.min.apply(null, r.boxes.map(function (b) { return b.top; }));
      r.bottom = Math.max.apply(null, r.boxes.map(function (b) { return b.bottom; }));
      return r;
    });
    bends = {};
    // Every link drawn when the picture opens, as drawn: straight between centres until
    // bent. Two passes, so that each bend is chosen against the others' bends.
    var centre = network.getPositions();
    var drawnAs = {};
    var skipping = [];
    data.edges.forEach(function (e) {
      if (e.optional) {
        return;
      }
      drawnAs[e.id] = [[centre[e.from].x, centre[e.from].y], [centre[e.to].x, centre[e.to].y]];
      if (Math.abs(LAYER[byId.get(e.from).kind] - LAYER[byId.get(e.to).kind]) > 1) {
        skipping.push(e);
      }
    });
    for (var pass = 0; pass < 2; pass++) {
      skipping.forEach(function (e) {
        var lf = LAYER[byId.get(e.from).kind], lt = LAYER[byId.get(e.to).kind];
        var others = [];
        Object.keys(drawnAs).forEach(function (id) {
          if (id !== e.id) {
            for (var i = 0; i + 1 < drawnAs[id].length; i++) {
              others.push([drawnAs[id][i], drawnAs[id][i + 1]]);
            }
          }
        });
        var points = window.goldenthreadBend(
          [centre[e.from].x, centre[e.from].y], [centre[e.to].x, centre[e.to].y],
          ordered.filter(function (r) { return r.layer > Math.min(lf, lt) && r.layer < Math.max(lf, lt); }),
          BEND_PAD, shapeBox(e.from), shapeBox(e.to), others
        );
        delete bends[e.id];
        drawnAs[e.id] = [points[0], points[points.length - 1]];
        if (points.length > 2) {
          bends[e.id] = points;
          drawnAs[e.id] = points;
        }
      });
    }
    return Object.keys(bends).length > 0;
  }
  network.on("dragEnd", function (params) {
    if (bends && params.nodes.length) {
      bendLinks();
      apply();
    }
  });

  /* Links this page draws (routed round the picture, bent through a gap) are hidden
   * from vis-network, so they answer the pointer here as vis's own links do: drawn
   * wider under it (vis's default hoverWidth, 1.5, added) or with an end selected
   * (selectionWidth added), and the same tooltip after the same delay. */
  var HOVER_WIDTH = 1.5;
  var hovered = null;
  var routeTip = el("div", "vis-tooltip gt-route-tip");
  routeTip.style.position = "fixed";
  document.body.appendChild(routeTip);
  var tipTimer = null;
  function routedNow() {
    var out = {};
    var routes = evidenceRoutes();
    evidence.forEach(function (e) { out[e.id] = routes[e.id]; });
    bent.forEach(function (e) { out[e.id] = bends[e.id]; });
    return out;
  }
  function routeAt(dom) {
    if (network.getNodeAt(dom) !== undefined || network.getEdgeAt(dom) !== undefined) {
      return null;
    }
    // Within 10 canvas units, as vis-network finds its links under the pointer.
    var p = network.DOMtoCanvas(dom), routes = routedNow(), best = null, least = 10;
    Object.keys(routes).forEach(function (id) {
      var d = window.goldenthreadDistance(routes[id], [p.x, p.y]);
      if (d < least) {
        best = id;
        least = d;
      }
    });
    return best;
  }
  function hover(id, clientX, clientY) {
    clearTimeout(tipTimer);
    if (id === hovered) {
      return;
    }
    hovered = id;
    routeTip.style.visibility = "hidden";
    network.redraw();
    if (id === null) {
      return;
    }
    tipTimer = setTimeout(function () {
      linkTip(routeTip, byEdge.get(id));
      routeTip.style.left = Math.min(clientX + 3, innerWidth - routeTip.offsetWidth - 4) + "px";
      routeTip.style.top = Math.max(4, clientY - routeTip.offsetHeight - 5) + "px";
      routeTip.style.visibility = "visible";
    }, data.options.interaction.tooltipDelay);
  }
  if (HOVER) {
    container.addEventListener("pointermove", function (event) {
      var frame = container.getBoundingClientRect();
      hover(routeAt({ x: event.clientX - frame.left, y: event.clientY - frame.top }), event.clientX, event.clientY);
    });
    container.addEventListener("pointerleave", function () { hover(null); });
    network.on("dragStart", function () { hover(null); });
    network.on("zoom", function () { hover(null); });
  }

  function drawRoute(ctx, id, points, faded, dashes) {
    var link = byEdge.get(id);
    var chosen = network.getSelectedNodes();
    var width = data.options.edges.width;
    if (chosen.indexOf(link.from) >= 0 || chosen.indexOf(link.to) >= 0) {
      width += data.options.edges.selectionWidth;
    } else if (id === hovered) {
      width += HOVER_WIDTH;
    }
    ctx.save();
    ctx.globalAlpha = faded ? FADED : 1;
    ctx.strokeStyle = ctx.fillStyle = edgeColour.get(id);
    ctx.lineWidth = width;
    ctx.setLineDash(dashes || []);
    ctx.beginPath();
    ctx.moveTo(points[0][0], points[0][1]);
    points.slice(1).forEach(function (p) { ctx.lineTo(p[0], p[1]); });
    ctx.stroke();
    // An arrowhead at the far end, as vis draws on the other links.
    var end = points[points.length - 1], before = points[points.length - 2];
    var angle = Math.atan2(end[1] - before[1], end[0] - before[0]);
    ctx.setLineDash([]);
    ctx.translate(end[0], end[1]);
    ctx.rotate(angle);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(-8, -4);
    ctx.lineTo(-8, 4);
    ctx.closePath();
    ctx.fill();
    ctx.restore();
  }

  network.on("afterDrawing", function (ctx) {
    var routes = evidenceRoutes();
    evidence.forEach(function (e) { drawRoute(ctx, e.id, routes[e.id], e.faded, EVIDENCE_DASHES); });
    bent.forEach(function (e) { drawRoute(ctx, e.id, bends[e.id], e.faded, byEdge.get(e.id).dashes); });
  });

  /* Open findings as a count badge at the top right of the entity, and a
   * frame round what changed since the earlier version: drawn on the canvas
   * after vis-network, so they cost nothing when there are none. */
  var marked = data.nodes.filter(function (n) { return (n.open || 0) > 0 || n.changed; });
  network.on("afterDrawing", function (ctx) {
    if (marked.length > 2000) {
      return;
    }
    marked.forEach(function (n) {
      var item = nodes.get(n.id);
      if (!item || item.hidden) {
        return;
      }
      var b = network.getBoundingBox(n.id);
      if (!b) {
        return;
      }
      var shape = network.body.nodes[n.id];
      if (shape && (n.kind === "project" || n.kind === "benefit")) {
        // A dot or a diamond: the badge on the shape, not at the end of the label under it.
        var r0 = shape.options.size || 10;
        b = { left: shape.x - r0, right: shape.x + r0, top: shape.y - r0, bottom: shape.y + r0 };
      }
      ctx.save();
      ctx.globalAlpha = item.faded ? FADED : 1;
      if (n.changed) {
        ctx.strokeStyle = data.changed;
        ctx.lineWidth = 3;
        ctx.strokeRect(b.left - 4, b.top - 4, b.right - b.left + 8, b.bottom - b.top + 8);
      }
      if (n.open) {
        var text = String(n.open);
        ctx.font = "bold 12px system-ui, sans-serif";
        var r = Math.max(9, ctx.measureText(text).width / 2 + 4);
        ctx.fillStyle = data.badge;
        ctx.beginPath();
        ctx.arc(b.right, b.top, r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.fillStyle = "#ffffff";
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(text, b.right, b.top + 1);
      }
      ctx.restore();
    });
  });

  var message = document.getElementById("gt-message");
  function say(text) {
    if (message) {
      message.textContent = text;
    }
  }

  function highlight(id) {
    state.highlight = id !== null && byId.has(id) ? id : null;
    apply();
    if (state.highlight === null) {
      network.unselectAll();
    }
    return state.highlight;
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var n = byId.get(params.nodes[0]);
      highlight(n.id);
      say("Thread of " + nameOf(n) + " (" + n.id + "). Click the background to clear.");
      // On a phone the fitted picture is too small to read: one tap zooms to the thread.
      if (viewport && viewport.clientWidth < 600) {
        network.fit({ nodes: Array.from(thread([n.id])), animation: false });
      }
    } else {
      highlight(null);
      say("");
    }
  });

  // Controls -------------------------------------------------------------
  var tagSelect = document.getElementById("gt-tag");
  var statusSelect = document.getElementById("gt-status");
  var gapsBox = document.getElementById("gt-gaps");
  var findingsBox = document.getElementById("gt-findings");
  var evidenceBox = document.getElementById("gt-evidence");
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-kind]"));

  function fill(select, values) {
    if (!select) {
      return;
    }
    values.forEach(function (v) {
      var option = el("option", "", v);
      option.value = v;
      select.appendChild(option);
    });
  }
  fill(tagSelect, data.tags);
  fill(statusSelect, data.statuses);

  // The search suggestions are built when the search box is first used:
  // thousands of <option>s would otherwise delay the first picture.
  var list = document.getElementById("gt-ids");
  var query = document.getElementById("gt-q");
  if (list && query) {
    query.addEventListener(
      "focus",
      function () {
        var frag = document.createDocumentFragment();
        data.nodes.forEach(function (n) {
          var option = el("option", "", nameOf(n));
          option.value = n.id;
          frag.appendChild(option);
        });
        list.appendChild(frag);
      },
      { once: true }
    );
  }

  function onChange(control, handler) {
    if (control) {
      control.addEventListener("change", function () {
        handler(control);
        refit(apply());
      });
    }
  }
  onChange(tagSelect, function (c) { state.tag = c.value; });
  onChange(statusSelect, function (c) { state.status = c.value; });
  onChange(gapsBox, function (c) { state.gapsOnly = c.checked; });
  onChange(findingsBox, function (c) { state.withFindings = c.checked; });
  onChange(evidenceBox, function (c) { state.evidence = c.checked; });
  kindBoxes.forEach(function (box) {
    onChange(box, function (c) {
      if (c.checked) {
        state.kinds.add(c.dataset.kind);
      } else {
        state.kinds.delete(c.dataset.kind);
      }
    });
  });

  function reset() {
    state.kinds = new Set(data.kinds);
    state.tag = "";
    state.status = "";
    state.gapsOnly = false;
    state.withFindings = false;
    state.highlight = null;
    kindBoxes.forEach(function (box) { box.checked = true; });
    if (tagSelect) { tagSelect.value = ""; }
    if (statusSelect) { statusSelect.value = ""; }
    if (gapsBox) { gapsBox.checked = false; }
    if (findingsBox) { findingsBox.checked = false; }
    network.unselectAll();
    apply();
  }
  var resetButton = document.getElementById("gt-reset");
  if (resetButton) {
    resetButton.addEventListener("click", function () {
      reset();
      home();
      say("");
    });
  }

  /* Find an entity: exact id, then exact title, then the first id or title
   * containing the text (case-insensitive), in model order. */
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) {
      return null;
    }
    if (byId.has(text.trim())) {
      return text.trim();
    }
    var all = data.nodes;
    var tests = [
      function (n) { return n.id.toLowerCase() === q; },
      function (n) { return nameOf(n).toLowerCase() === q; },
      function (n) { return n.id.toLowerCase().indexOf(q) >= 0 || nameOf(n).toLowerCase().indexOf(q) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < all.length; i++) {
        if (tests[t](all[i])) {
          return all[i].id;
        }
      }
    }
    return null;
  }

  function focus(text) {
    var id = find(text);
    if (id === null) {
      say("No entity matches \u201c" + text.trim() + "\u201d.");
      return null;
    }
    if (nodes.get(id).hidden) {
      reset();
    }
    highlight(id);
    network.selectNodes([id]);
    if (scale !== null) {
      // The whole picture is on the canvas: scroll its box to the entity.
      var p = network.canvasToDOM(network.getPositions([id])[id]);
      viewport.scrollLeft = p.x - viewport.clientWidth / 2;
      viewport.scrollTop = p.y - viewport.clientHeight / 2;
    } else {
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    }
    say("Focused " + nameOf(byId.get(id)) + " (" + id + ").");
    return id;
  }

  var search = document.getElementById("gt-search");
  if (search) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      focus(query.value);
    });
  }

  var api = {
    network: network,
    nodes: nodes,
    edges: edges,
    thread: function (id) { return Array.from(thread([id])); },
    highlight: highlight,
    focus: focus,
    reset: reset,
    home: home,
    scale: function () { return network.getScale(); },
    evidenceRoutes: evidenceRoutes,
    // The links bent through a gap of a layer they skip, as drawn: {id: [[x, y], ...]}.
    // The routed or bent link under the pointer (drawn wider, its tooltip shown), or null.
    hoveredLink: function () { return hovered; },
    bentRoutes: function () {
      var out = {};
      bent.forEach(function (e) { out[e.id] = bends[e.id]; });
      return out;
    },
    visible: function () {
      return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; });
    },
    // Read when asked: the first frame may come before or after this object is made.
    get drawn() { return drawn; },
    // The entities with a badge (open findings) or a frame (changed since).
    marked: function () { return marked.map(function (n) { return { id: n.id, open: n.open || 0, changed: n.changed || null }; }); },
  };
  apply();
  window.goldenthread = api;
})();
