// The national outline for the map: the one country cut out of world-atlas (Natural Earth
// 1:50m), as GeoJSON with coordinates rounded to 0.001° (about 100 m), so that the bundle
// carries a few kilobytes instead of the world.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { feature } from 'topojson-client';

const kCountryId = '408';  // ISO 3166-1 numeric: Democratic People's Republic of Korea

function round(value) {
  return Array.isArray(value) ? value.map(round) : Math.round(value * 1000) / 1000;
}

export function outlineGeoJson(webDir) {
  const path = join(webDir, 'node_modules/world-atlas/countries-50m.json');
  const topology = JSON.parse(readFileSync(path, 'utf8'));
  const country = topology.objects.countries.geometries.find((g) => g.id === kCountryId);
  if (!country) throw new Error(`${path}: no country with id ${kCountryId}`);
  const { geometry } = feature(topology, country);
  return {
    type: 'Feature',
    properties: { source: 'Natural Earth 1:50m via world-atlas 2' },
    geometry: { type: geometry.type, coordinates: round(geometry.coordinates) },
  };
}
