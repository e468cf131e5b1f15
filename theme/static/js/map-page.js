// The map: Leaflet markers built from the list of places rendered in the page (the list is the
// accessible alternative, and the only source of the points). Filters act on both.
// If the tiles cannot load, markers, popups, filters and the list still work.

import { loadScript } from "./dom.js";

const mapBox = document.getElementById("carte");
const filters = document.getElementById("filtres-carte");
const status = document.getElementById("carte-statut");
const items = [...document.querySelectorAll("#liste-lieux li")];

function popupContent(item) {
  const link = item.querySelector("a");
  const box = document.createElement("div");
  const title = document.createElement("a");
  title.href = link.href;
  title.textContent = link.textContent;
  const meta = document.createElement("p");
  meta.textContent = item.querySelector(".map-list__meta").textContent;
  box.append(title, meta);
  return box;
}

async function start() {
  filters.hidden = false;
  mapBox.hidden = false;
  await loadScript(mapBox.dataset.vendor + "leaflet/leaflet.js");
  const L = window.L;
  const map = L.map(mapBox, { zoomControl: false, scrollWheelZoom: false }).setView([46.6, 2.4], 5);
  L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.on("popupopen", (event) => {
    // Leaflet names its close button in English only.
    const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", "Fermer la fenêtre");
  });
  L.tileLayer(mapBox.dataset.tiles, {
    maxZoom: Number(mapBox.dataset.maxZoom) || 18,
    attribution: `<a href="${mapBox.dataset.attributionUrl}">${mapBox.dataset.attribution}</a>`,
  }).addTo(map);

  const markers = items.map((item) => {
    const title = item.querySelector("a").textContent;
    const marker = L.marker([Number(item.dataset.lat), Number(item.dataset.lon)], {
      icon: L.divIcon({ className: `map-marker map-marker--${item.dataset.kind}`, iconSize: [18, 18] }),
      title,
      keyboard: true,
      riseOnHover: true,
    }).bindPopup(() => popupContent(item));
    marker.on("add", () => {
      const icon = marker.getElement();
      if (icon) icon.setAttribute("aria-label", `${title} (${item.querySelector(".map-list__meta").textContent})`);
    });
    return { item, marker };
  });

  function apply() {
    const kinds = [...filters.querySelectorAll('input[name="type"]:checked')].map((b) => b.value);
    const theme = filters.querySelector("#carte-theme").value;
    const visible = [];
    for (const { item, marker } of markers) {
      const show = kinds.includes(item.dataset.kind) && (!theme || item.dataset.themes.split(" ").includes(theme));
      item.hidden = !show;
      if (show) {
        marker.addTo(map);
        visible.push(marker.getLatLng());
      } else {
        marker.remove();
      }
    }
    status.textContent = `${visible.length} lieu${visible.length > 1 ? "x" : ""} sur la carte et dans la liste.`;
    // Frame metropolitan France when it has points: overseas places stay one zoom-out away.
    const metropolitan = visible.filter((p) => p.lat > 41 && p.lat < 51.5 && p.lng > -5.5 && p.lng < 10);
    const framed = metropolitan.length ? metropolitan : visible;
    if (framed.length) map.fitBounds(L.latLngBounds(framed).pad(0.1), { maxZoom: 9 });
  }

  filters.addEventListener("change", apply);
  filters.addEventListener("submit", (event) => event.preventDefault());
  apply();
}

start().catch(() => {
  mapBox.hidden = true;
  status.textContent = "La carte n'a pas pu s'afficher : la liste des lieux reste disponible.";
});
