// Charts (Chart.js, served by the app): events per month by type; an actor's statements
// and events per month. Data from the page's JSON blocks.
(function () {
  "use strict";
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"];

  function stacked(canvas, rows, seriesKey) {
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const series = [...new Set(rows.map((r) => r[seriesKey]))].sort();
    const datasets = series.map((name, i) => ({
      label: name,
      backgroundColor: palette[i % palette.length],
      data: months.map((m) => {
        const row = rows.find((r) => r.month === m && r[seriesKey] === name);
        return row ? row.n : 0;
      }),
    }));
    return new Chart(canvas, {
      type: "bar",
      data: { labels: months, datasets },
      options: {
        animation: false,
        responsive: true,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "right" } },
      },
    });
  }

  const events = document.getElementById("event-months");
  if (events) stacked(document.getElementById("events-chart"), JSON.parse(events.textContent), "type");
  const months = document.getElementById("months");
  if (months) stacked(document.getElementById("months-chart"), JSON.parse(months.textContent), "what");
})();
