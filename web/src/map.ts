// The map of a region's children: without boundaries to draw, each child gets the Voronoi cell
// of its centroid (the land closer to its centre than to any other's), clipped to the national
// outline. Around a province, the centroids of the neighbouring provinces bound its edge cells.
// Each cell is a link: click, tap or Enter drills down.

import { Delaunay } from 'd3-delaunay';
import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, MultiPoint } from 'geojson';
import outline from 'virtual:outline';

import { h, regionText, s } from './dom';
import type { LegendItem } from './indicators';
import type { Region } from './types';

export interface MapCell {
  region: Region;  // with lat and lon
  colour: string;
  valueText: string;  // the indicator's value, as read out and shown on hover
  href: string;
}

export interface MapInput {
  cells: MapCell[];
  ghosts: Region[];  // centroids that bound the cells but are not drawn (neighbours)
  national: boolean;  // fit the whole country, else fit the cells
  label: string;  // what the map shows, for screen readers
}

const kWidth = 600;
const kHeight = 560;
const kMargin = 14;
let mapCount = 0;

function hasCentroid(region: Region): region is Region & { lat: number; lon: number } {
  return typeof region.lat === 'number' && typeof region.lon === 'number';
}

export function mappable(regions: Region[]): Region[] {
  return regions.filter(hasCentroid);
}

// 1.5 times the median distance from a centre to its nearest neighbour (0 for fewer than two).
function discRadius(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const nearest = points.map(([x, y], point_idx) =>
    Math.min(...points.filter((_, other_idx) => other_idx !== point_idx).map(([ox, oy]) => Math.hypot(ox - x, oy - y))),
  );
  nearest.sort((a, b) => a - b);
  return 1.5 * nearest[Math.floor(nearest.length / 2)];
}

export function drawMap(input: MapInput): SVGSVGElement {
  const cells = input.cells.filter((cell) => hasCentroid(cell.region));
  const ghosts = input.ghosts.filter(hasCentroid);
  const pad = 0.25;  // degrees around the outermost centroids
  const extent: Feature<MultiPoint> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: cells.flatMap(({ region }) => [
        [region.lon! - pad, region.lat! - pad],
        [region.lon! + pad, region.lat! + pad],
      ]),
    },
  };
  const projection = geoMercator().fitExtent(
    [[kMargin, kMargin], [kWidth - kMargin, kHeight - kMargin]],
    input.national || cells.length === 0 ? outline : extent,
  );
  const path = geoPath(projection);
  const sites: [number, number][] = [...cells.map((c) => c.region), ...ghosts].map((r) => projection([r.lon!, r.lat!]) ?? [0, 0]);
  const voronoi = Delaunay.from(sites).voronoi([-kWidth, -kHeight, 2 * kWidth, 2 * kHeight]);

  const clipId = `map-clip-${++mapCount}`;
  const outlinePath = path(outline) ?? '';
  const svg = s(
    'svg',
    { viewBox: `0 0 ${kWidth} ${kHeight}`, class: 'map', role: 'group', 'aria-label': input.label },
    s('defs', null, s('clipPath', { id: clipId }, s('path', { d: outlinePath }))),
    s('path', { d: outlinePath, class: 'map-land' }),
  );
  // Inside the country, a cell at the edge of a province would reach far beyond it: each cell is
  // also bounded by a disc around its centre, wide enough to meet its neighbours.
  const disc = input.national ? 0 : discRadius(sites.slice(0, cells.length));
  const defs = svg.querySelector('defs')!;
  const group = s('g', { 'clip-path': `url(#${clipId})` });
  cells.forEach((cell, cell_idx) => {
    const label = `${regionText(cell.region)}: ${cell.valueText}`;
    const [x, y] = sites[cell_idx];
    const discId = `${clipId}-${cell_idx}`;
    if (disc > 0) defs.append(s('clipPath', { id: discId }, s('circle', { cx: x, cy: y, r: disc })));
    group.append(
      s(
        'a',
        { href: cell.href, 'aria-label': label, class: 'map-cell', 'data-region': cell.region.code },
        s('title', null, label),
        s('path', { d: voronoi.renderCell(cell_idx), fill: cell.colour, 'clip-path': disc > 0 ? `url(#${discId})` : null }),
      ),
    );
  });
  svg.append(group, s('path', { d: outlinePath, class: 'map-outline' }));
  const labels = s('g', { class: 'map-labels', 'aria-hidden': 'true' });
  const small = cells.length > 16;
  cells.forEach((cell, cell_idx) => {
    const [x, y] = sites[cell_idx];
    labels.append(
      s('circle', { cx: x, cy: y, r: 2.5, 'data-region': cell.region.code }),
      s('text', { x, y: y - 5, class: small ? 'small' : null }, cell.region.name.replace(/-(si|gun|guyok|kuyok)$/, '')),
    );
  });
  svg.append(labels);
  return svg;
}

export function legend(title: string, items: LegendItem[]): HTMLElement {
  return h(
    'figure',
    { class: 'legend' },
    h('figcaption', null, title),
    h(
      'ul',
      null,
      items.map((item) => {
        const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.background = item.colour;  // CSSOM: the page's policy allows no inline style attributes
        return h('li', null, swatch, item.label);
      }),
    ),
  );
}
