/**
 * A map as server-rendered inline SVG (works without JavaScript and prints): d3-geo projects the
 * shapes (Mercator fitted to the areas) and writes the paths. Not colour alone: every area has a
 * <title> with its text, the localities' map marks each area with a symbol of its class, the
 * legend names each class in words with its count, and a table lists every area's text.
 * GeoJSON rings as ONS publishes them follow the right-hand rule (RFC 7946), the reverse of
 * d3-geo's spherical convention, so a ring whose spherical area exceeds a hemisphere is reversed.
 */
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { type Html, html } from '../presenting/html.js';
import type { AreaGeometry } from './import.js';
import type { AreaMap } from './service.js';

/** Fill and mark of each legend class: comparison colours of the public health profiles, and a sequential palette for quintiles. */
const STYLE: Record<string, { fill: string; mark: string }> = {
  BETTER: { fill: '#92d050', mark: '+' },
  SIMILAR: { fill: '#ffc000', mark: '=' },
  WORSE: { fill: '#c00000', mark: '−' },
  HIGHER: { fill: '#bed2ff', mark: '↑' },
  LOWER: { fill: '#5555e6', mark: '↓' },
  NOT_COMPARED: { fill: '#ffffff', mark: '·' },
  NO_DATA: { fill: '#d9d9d9', mark: '?' },
  Q1: { fill: '#f2f0f7', mark: '1' },
  Q2: { fill: '#cbc9e2', mark: '2' },
  Q3: { fill: '#9e9ac8', mark: '3' },
  Q4: { fill: '#756bb1', mark: '4' },
  Q5: { fill: '#54278f', mark: '5' },
};

function rewound(geometry: AreaGeometry): Geometry {
  const fix = (polygon: number[][][]) =>
    geoArea({ type: 'Polygon', coordinates: polygon }) > 2 * Math.PI ? polygon.map((ring) => [...ring].reverse()) : polygon;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fix) };
}

let maps = 0;

export function mapSvg(map: AreaMap, options: { width?: number; height?: number; marks?: boolean } = {}): Html {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const id = `map-${++maps}`;
  const features: Feature[] = map.areas.map((area) => ({ type: 'Feature', properties: {}, geometry: rewound(area.geometry) }));
  const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], { type: 'FeatureCollection', features });
  const path = geoPath(projection);
  const round = (d: string | null) => (d ?? '').replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));
  const outline = map.outline ? round(path({ type: 'Feature', properties: {}, geometry: rewound(map.outline) })) : null;
  const description = `${map.areas.length} areas. ${map.legend.map((l) => `${l.label}: ${l.count}`).join('; ')}.`;
  return html`<figure class="map" aria-labelledby="${id}-caption">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="map-svg">
<title id="${id}-title">${map.title}</title>
<desc id="${id}-desc">${description}</desc>
${map.areas.map((area, i) => {
    const style = STYLE[area.category] ?? STYLE.NO_DATA!;
    return html`<path d="${round(path(features[i]!))}" fill="${style.fill}" stroke="#333" stroke-width="0.5" data-code="${area.code}" data-category="${area.category}"><title>${area.text}</title></path>`;
  })}
${outline ? html`<path d="${outline}" fill="none" stroke="#000" stroke-width="2" aria-hidden="true"></path>` : null}
${options.marks
    ? map.areas.map((area, i) => {
        const [x, y] = path.centroid(features[i]!);
        const style = STYLE[area.category] ?? STYLE.NO_DATA!;
        return Number.isFinite(x) && Number.isFinite(y)
          ? html`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle" dominant-baseline="middle" font-size="18" font-weight="bold" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" aria-hidden="true">${style.mark}</text>`
          : null;
      })
    : null}
</svg>
<figcaption id="${id}-caption">
<p class="map-title">${map.title}</p>
<ul class="map-legend">${map.legend.map((entry) => {
    const style = STYLE[entry.category] ?? STYLE.NO_DATA!;
    return html`<li><svg width="16" height="16" aria-hidden="true"><rect width="16" height="16" fill="${style.fill}" stroke="#333"></rect></svg> ${options.marks ? html`<span aria-hidden="true">(${style.mark})</span> ` : null}${entry.label}: ${entry.count}</li>`;
  })}</ul>
<details><summary>The map as text</summary><ul class="map-text">${map.areas.map((area) => html`<li>${area.text}</li>`)}</ul></details>
</figcaption>
</figure>`;
}
