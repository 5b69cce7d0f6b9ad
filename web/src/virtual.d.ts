// Modules that the bundler makes (scripts/build.mjs).

declare module 'virtual:outline' {
  // The national outline, cut out of world-atlas at build time.
  const outline: import('geojson').Feature<import('geojson').Polygon | import('geojson').MultiPolygon>;
  export default outline;
}
