// The actor network (Cytoscape.js, served by the app): nodes are actors, an edge goes from
// a speaker or actor to whom it addressed or acted on; a click opens the actor's page.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("network").textContent);
  const colours = { state: "#1f5fa8", person: "#d9822b", organization: "#2e8b57", group: "#8e44ad" };
  const max = Math.max(1, ...data.edges.map((e) => e.n));
  const elements = [
    ...data.nodes.map((n) => ({ data: { id: n.key, label: n.name || n.key, colour: colours[n.kind] || "#777" } })),
    ...data.edges.map((e, i) => ({
      data: { id: "e" + i, source: e.source, target: e.target, width: 1 + (6 * e.n) / max, n: e.n },
    })),
  ];
  const cy = cytoscape({
    container: document.getElementById("graph"),
    elements,
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "data(colour)", "font-size": 10, width: 14, height: 14 } },
      { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#9aa7b4", "target-arrow-color": "#9aa7b4", opacity: 0.8 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (e) => { window.location.href = "/actors/" + encodeURIComponent(e.target.id()); });
})();
