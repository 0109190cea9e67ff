// annalist web page: filters -> /api/events, /api/timeline,
// /api/places.geojson; a click on an event opens its article with every
// fact highlighted from its span (code-point offsets into the text).
"use strict";

const ROOTS = {
  "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
  "04": "Consult", "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation",
  "07": "Provide aid", "08": "Yield", "09": "Investigate", "10": "Demand",
  "11": "Disapprove", "12": "Reject", "13": "Threaten", "14": "Protest",
  "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce",
  "18": "Assault", "19": "Fight", "20": "Use unconventional mass violence",
};
const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const PAGE = 50;
let offset = 0, total = 0, world = null;

const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

function filters() {
  const p = new URLSearchParams();
  for (const el of $("#filters").elements)
    if (el.name && el.value.trim()) p.set(el.name, el.value.trim());
  return p;
}

async function api(path, params) {
  const r = await fetch(path + (params && [...params].length ? "?" + params : ""));
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

function showError(err) {
  $("#events-total").textContent = "— " + err.message;
}

// ---------------------------------------------------------------- map
const projection = d3.geoNaturalEarth1().fitSize([960, 480], { type: "Sphere" });
const geoPath = d3.geoPath(projection);

function drawMap(fc) {
  const svg = d3.select("#map");
  svg.selectAll("*").remove();
  svg.append("path").attr("class", "sphere").attr("d", geoPath({ type: "Sphere" }));
  if (world) svg.append("path").attr("class", "land")
    .attr("d", geoPath(topojson.feature(world, world.objects.countries)));
  const places = fc.features.filter((f) => f.properties.kind === "place");
  const events = fc.features.filter((f) => f.properties.kind === "event");
  svg.append("g").selectAll("circle").data(places).join("circle")
    .attr("class", "pt-place")
    .attr("r", (f) => 2 + Math.sqrt(f.properties.mentions || 1))
    .attr("transform", (f) => `translate(${projection(f.geometry.coordinates)})`)
    .append("title").text((f) => `${f.properties.name} (${f.properties.country || "?"}): ${f.properties.mentions} mentions`);
  svg.append("g").selectAll("circle").data(events).join("circle")
    .attr("class", (f) => "pt-event q" + f.properties.quad)
    .attr("r", 5)
    .attr("transform", (f) => `translate(${projection(f.geometry.coordinates)})`)
    .on("click", (_, f) => openArticle(f.properties.doc, f.properties.event))
    .append("title").text((f) => `${f.properties.date || ""} ${f.properties.source || "?"} ${f.properties.cameo} ${f.properties.target || ""} — ${f.properties.place_name || ""}`);
  $("#map-legend").innerHTML = Object.entries(QUAD)
    .map(([q, n]) => `<svg width="10" height="10"><circle class="q${q}" cx="5" cy="5" r="4"/></svg> ${n}`).join(" ");
}

// ----------------------------------------------------------- timeline
function drawTimeline(days) {
  const svg = d3.select("#timeline");
  svg.selectAll("*").remove();
  if (!days.length) {
    svg.append("text").attr("x", 480).attr("y", 80).attr("text-anchor", "middle").text("no dated events");
    return;
  }
  const m = { l: 40, r: 40, t: 10, b: 24 };
  // a few days should not turn into a few very wide bars
  const right = Math.min(960 - m.r, m.l + days.length * 40);
  const x = d3.scaleBand().domain(days.map((d) => d.date)).range([m.l, right]).padding(0.15);
  const y = d3.scaleLinear().domain([0, d3.max(days, (d) => d.events)]).nice().range([160 - m.b, m.t]);
  const g = d3.scaleLinear().domain([-10, 10]).range([160 - m.b, m.t]);
  svg.append("g").selectAll("rect").data(days).join("rect").attr("class", "bar")
    .attr("x", (d) => x(d.date)).attr("width", x.bandwidth())
    .attr("y", (d) => y(d.events)).attr("height", (d) => y(0) - y(d.events))
    .append("title").text((d) => `${d.date}: ${d.events} events, Goldstein ${d.goldstein}` +
      (d.tone != null ? `, tone ${d.tone}` : "") + "\n" +
      Object.entries(d.roots).map(([r, n]) => `${r} ${ROOTS[r] || ""}: ${n}`).join("\n"));
  svg.append("path").attr("class", "gold")
    .attr("d", d3.line().x((d) => x(d.date) + x.bandwidth() / 2).y((d) => g(d.goldstein))(days));
  const ticks = x.domain().filter((_, i, a) => i % Math.ceil(a.length / 10) === 0);
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${160 - m.b})`).call(d3.axisBottom(x).tickValues(ticks));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(4));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${right},0)`).call(d3.axisRight(g).ticks(4));
}

// ------------------------------------------------------------- table
function actor(code, text) {
  return code ? `<b>${esc(code)}</b><br><small>${esc(text)}</small>` : "<small>—</small>";
}

function drawEvents(page) {
  total = page.total;
  $("#events-total").textContent = `${page.total} matching`;
  $("#page").textContent = page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : "";
  $("#prev").disabled = offset === 0;
  $("#next").disabled = offset + PAGE >= page.total;
  const rows = page.items.map((e) => {
    const cls = [e.negated ? "neg" : "", e.hypothetical ? "hyp" : ""].join(" ");
    return `<tr data-doc="${esc(e.doc)}" data-event="${e.event}" class="${cls}">
      <td>${esc(e.date)}</td><td>${actor(e.source, e.source_text)}</td>
      <td class="code">${esc(e.cameo)}<small>${esc(ROOTS[e.root] || "")}</small></td>
      <td>${actor(e.target, e.target_text)}</td>
      <td>${esc(e.place_name || "")}${e.country ? " <small>" + esc(e.country) + "</small>" : ""}</td>
      <td>${esc(e.sentence_text || e.evidence || "")}</td></tr>`;
  });
  $("#events tbody").innerHTML = rows.join("") || `<tr><td colspan="6">No events match.</td></tr>`;
}

// ----------------------------------------------------------- article
// Spans are code points; Array.from splits a string into code points.
function highlight(rec, eventIndex) {
  const chars = Array.from(rec.text || "");
  const marks = []; // [start, end, class]
  for (const e of rec.entities || []) marks.push([e.start, e.end, "hl-" + e.type]);
  for (const p of rec.places || []) marks.push([p.start, p.end, "hl-place"]);
  for (const q of rec.quotes || []) marks.push([q.start, q.end, "hl-quote"]);
  const ev = (rec.events || [])[eventIndex];
  if (ev && ev.evidence) marks.push([ev.evidence.start, ev.evidence.end, "hl-event"]);
  if (ev && rec.sentences && rec.sentences[ev.sentence]) {
    const s = rec.sentences[ev.sentence];
    marks.push([s.start, s.end, "current"]);
  }
  // open/close tags at each boundary; inner spans nest inside outer ones
  const opens = new Map(), closes = new Map();
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  for (const [s, e, c] of marks) {
    if (!(s < e) || e > chars.length) continue;
    (opens.get(s) || opens.set(s, []).get(s)).push(c);
    (closes.get(e) || closes.set(e, []).get(e)).push(c);
  }
  let html = "<p>", stack = [];
  for (let i = 0; i <= chars.length; i++) {
    const close = closes.get(i) || [];
    for (let k = 0; k < close.length; k++) { html += "</span>"; stack.pop(); }
    if (i === chars.length) break;
    for (const c of opens.get(i) || []) { html += `<span class="${c}">`; stack.push(c); }
    if (chars[i] === "\n" && chars[i + 1] === "\n") {
      const open = stack.slice();
      html += "</span>".repeat(open.length) + "</p><p>" + open.map((c) => `<span class="${c}">`).join("");
      i++;
    } else html += esc(chars[i]);
  }
  return html + "</p>";
}

async function openArticle(doc, eventIndex) {
  try {
    const rec = await api("api/documents/" + encodeURIComponent(doc));
    $("#article-panel").hidden = false;
    $("#article-title").textContent = rec.title || rec.url || doc;
    $("#article-meta").innerHTML = [rec.site_name, rec.published, rec.url ? `<a href="${esc(rec.url)}">source</a>` : ""]
      .filter(Boolean).map((x) => (x.startsWith("<a") ? x : esc(x))).join(" · ");
    $("#article-text").innerHTML = highlight(rec, eventIndex);
    const cur = $("#article-text .current");
    if (cur) cur.scrollIntoView({ block: "center" });
  } catch (err) { showError(err); }
}

// ------------------------------------------------------------- flow
async function refresh() {
  const f = filters();
  const page = new URLSearchParams(f);
  page.set("limit", PAGE);
  page.set("offset", offset);
  try {
    const [events, days, fc] = await Promise.all([
      api("api/events", page), api("api/timeline", f), api("api/places.geojson", f)]);
    drawEvents(events);
    drawTimeline(days);
    drawMap(fc);
  } catch (err) { showError(err); }
}

async function main() {
  for (const [code, name] of Object.entries(ROOTS))
    $("#root").insertAdjacentHTML("beforeend", `<option value="${code}">${code} ${esc(name)}</option>`);
  try { world = await (await fetch("vendor/countries-110m.json")).json(); } catch (_) { world = null; }
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; refresh(); });
  $("#reset").addEventListener("click", () => setTimeout(() => { offset = 0; refresh(); }));
  $("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); refresh(); });
  $("#next").addEventListener("click", () => { if (offset + PAGE < total) { offset += PAGE; refresh(); } });
  $("#events tbody").addEventListener("click", (ev) => {
    const tr = ev.target.closest("tr[data-doc]");
    if (!tr) return;
    document.querySelectorAll("#events tr.selected").forEach((r) => r.classList.remove("selected"));
    tr.classList.add("selected");
    openArticle(tr.dataset.doc, Number(tr.dataset.event));
  });
  refresh();
}

main();
