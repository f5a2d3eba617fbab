/// The status page at `/`: one self-contained HTML document (inline CSS and script, nothing fetched but
/// `/api/status`), drawn from the same report the API gives and refreshed every 30 seconds.
public enum StatusPage {
    /// The page. The script builds every element with `textContent`, so nothing a channel said is read as HTML.
    public static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>marketsync status</title>
    <style>
      :root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; background: #fff; }
      h1 { font-size: 20px; margin: 0 0 4px; }
      h2 { font-size: 16px; margin: 24px 0 8px; }
      .meta { color: var(--muted); margin-bottom: 16px; }
      .badge { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; }
      .badge.ready { background: var(--ok); } .badge.down { background: var(--bad); }
      table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
      th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
      th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .status-ok { color: var(--ok); font-weight: 600; }
      .status-bad { color: var(--bad); font-weight: 600; }
      .status-other { color: var(--warn); font-weight: 600; }
      .legend span { margin-right: 16px; } .sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
      #chart { width: 100%; max-width: 960px; height: 180px; border: 1px solid var(--line); border-radius: 6px; }
      .error { color: var(--bad); }
      .muted { color: var(--muted); }
    </style>
    </head>
    <body>
    <h1>marketsync worker</h1>
    <div class="meta"><span id="readiness" class="badge">…</span> <span id="reason"></span> <span id="generated" class="muted"></span></div>
    <div id="load-error" class="error"></div>
    <h2>Pushes and failures, last 24 hours</h2>
    <div class="legend"><span><i class="sw" style="background:var(--ok)"></i>pushed</span><span><i class="sw" style="background:var(--bad)"></i>failed</span></div>
    <svg id="chart" viewBox="0 0 960 180" preserveAspectRatio="none" role="img" aria-label="pushes and failures per hour"></svg>
    <h2>Channels</h2>
    <table id="channels">
      <thead><tr><th>channel</th><th>last run</th><th>status</th><th>pushed 24 h</th><th>failed 24 h</th><th>queued</th>
      <th>feeds waiting</th><th>held prices</th><th>parked</th><th>incidents</th><th>orders</th></tr></thead>
      <tbody></tbody>
    </table>
    <h2>Last failures</h2>
    <table id="failures">
      <thead><tr><th>when</th><th>channel</th><th>kind</th><th>SKU</th><th>code</th><th>reason</th></tr></thead>
      <tbody></tbody>
    </table>
    <script>
    "use strict";
    const SVG = "http://www.w3.org/2000/svg";
    function cell(row, text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; row.appendChild(td); return td; }
    function when(iso) { return iso ? new Date(iso).toLocaleString() : "never"; }
    function statusClass(s) { return s === "ok" ? "status-ok" : (s === "failed" || s === "credentials_rejected" || s === "unreachable" || s === "stopped") ? "status-bad" : "status-other"; }
    function drawChart(hours) {
      const svg = document.getElementById("chart");
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const max = Math.max(1, ...hours.map(h => h.pushed + h.failed));
      const w = 960 / Math.max(1, hours.length), top = 10, bottom = 160;
      hours.forEach((h, i) => {
        const x = i * w + 2, bw = Math.max(1, w - 4);
        const ph = (bottom - top) * h.pushed / max, fh = (bottom - top) * h.failed / max;
        const pushed = document.createElementNS(SVG, "rect");
        pushed.setAttribute("x", x); pushed.setAttribute("y", bottom - ph - fh); pushed.setAttribute("width", bw); pushed.setAttribute("height", ph);
        pushed.setAttribute("fill", "#1a7f37"); pushed.setAttribute("class", "bar-pushed");
        const title = document.createElementNS(SVG, "title"); title.textContent = new Date(h.hour).toLocaleString() + ": " + h.pushed + " pushed, " + h.failed + " failed";
        pushed.appendChild(title);
        const failed = document.createElementNS(SVG, "rect");
        failed.setAttribute("x", x); failed.setAttribute("y", bottom - fh); failed.setAttribute("width", bw); failed.setAttribute("height", fh);
        failed.setAttribute("fill", "#cf222e"); failed.setAttribute("class", "bar-failed");
        svg.appendChild(pushed); svg.appendChild(failed);
        if (i % 3 === 0) {
          const label = document.createElementNS(SVG, "text");
          label.setAttribute("x", x); label.setAttribute("y", 176); label.setAttribute("font-size", "11"); label.setAttribute("fill", "#57606a");
          label.textContent = new Date(h.hour).getHours() + ":00";
          svg.appendChild(label);
        }
      });
      svg.setAttribute("data-hours", String(hours.length));
    }
    function render(report) {
      const badge = document.getElementById("readiness");
      badge.textContent = report.readiness.ready ? "ready" : "not ready";
      badge.className = "badge " + (report.readiness.ready ? "ready" : "down");
      document.getElementById("reason").textContent = report.readiness.reason || "";
      document.getElementById("generated").textContent = "as of " + when(report.generated_at);
      drawChart(report.hours);
      const body = document.querySelector("#channels tbody");
      body.replaceChildren();
      const failures = [];
      for (const c of report.channels) {
        const row = document.createElement("tr");
        row.id = "channel-" + c.channel;
        cell(row, c.channel).className = "channel-name";
        cell(row, when(c.last_run_at));
        cell(row, c.status || "not run yet", statusClass(c.status));
        cell(row, String(c.pushed_24h), "num").id = "pushed-" + c.channel;
        cell(row, String(c.failed_24h), "num").id = "failed-" + c.channel;
        cell(row, String(c.outbox_pending), "num");
        cell(row, String(c.submissions_waiting), "num");
        cell(row, String(c.waiting.held_prices), "num");
        cell(row, String(c.waiting.parked_items), "num");
        cell(row, String(c.waiting.incidents), "num");
        cell(row, Object.entries(c.orders).map(([s, n]) => s + " " + n).join(", ") || "none");
        body.appendChild(row);
        for (const f of c.failures) failures.push(Object.assign({ channel: c.channel }, f));
      }
      failures.sort((a, b) => (b.at || "").localeCompare(a.at || ""));
      const fbody = document.querySelector("#failures tbody");
      fbody.replaceChildren();
      if (failures.length === 0) { const row = document.createElement("tr"); cell(row, "none", "muted").colSpan = 6; fbody.appendChild(row); }
      for (const f of failures.slice(0, 30)) {
        const row = document.createElement("tr");
        cell(row, when(f.at)); cell(row, f.channel); cell(row, f.kind); cell(row, f.sku || "–"); cell(row, f.code); cell(row, f.message);
        fbody.appendChild(row);
      }
      document.body.setAttribute("data-loaded", "true");
    }
    async function refresh() {
      try {
        const response = await fetch("/api/status", { cache: "no-store" });
        const report = await response.json();
        if (!response.ok) throw new Error(report.error || ("HTTP " + response.status));
        document.getElementById("load-error").textContent = "";
        render(report);
      } catch (e) {
        document.getElementById("load-error").textContent = "cannot load /api/status: " + e.message;
      }
    }
    refresh();
    setInterval(refresh, 30000);
    </script>
    </body>
    </html>
    """#
}
