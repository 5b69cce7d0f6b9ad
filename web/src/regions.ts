// Regions as the page knows them: details fetched once per page load, and names remembered for
// the live feed and the breadcrumbs.

import { get, getAll } from './api';
import type { Region, RegionDetail } from './types';

const details = new Map<string, Promise<RegionDetail>>();
const known = new Map<string, Region>();

export function remember(region: Region): void {
  const before = known.get(region.code);
  // Keep a centroid learnt earlier when a later answer leaves it out.
  known.set(region.code, { ...before, ...region, lat: region.lat ?? before?.lat, lon: region.lon ?? before?.lon });
}

export function knownRegion(code: string): Region | undefined {
  return known.get(code);
}

export function regionDetail(code: string): Promise<RegionDetail> {
  let detail = details.get(code);
  if (!detail) {
    detail = get<RegionDetail>(`/api/v1/regions/${encodeURIComponent(code)}`).then((d) => {
      remember({ ...d.region, lat: d.lat, lon: d.lon });
      for (const child of d.children) remember(child);
      return d;
    });
    detail.catch(() => details.delete(code));
    details.set(code, detail);
  }
  return detail;
}

// The region of a code, asking the server when it is not known yet; undefined when it cannot.
export async function lookupRegion(code: string): Promise<Region | undefined> {
  const region = known.get(code);
  if (region) return region;
  try {
    return (await regionDetail(code)).region;
  } catch {
    return undefined;
  }
}

// Every region under a root, itself included, fetched once per page load.
const subtrees = new Map<string, Promise<Region[]>>();

export function subtree(root: string): Promise<Region[]> {
  let all = subtrees.get(root);
  if (!all) {
    all = getAll<Region>('/api/v1/regions', { region: root }).then((list) => {
      for (const region of list) remember(region);
      return list;
    });
    all.catch(() => subtrees.delete(root));
    subtrees.set(root, all);
  }
  return all;
}

// The reporting units (regions without sub-regions) under a region, itself included when it is one.
export async function reportingUnits(root: string): Promise<Region[]> {
  const all = await subtree(root);
  const parents = new Set(all.map((r) => r.parent).filter((p): p is string => p !== null));
  return all.filter((r) => !parents.has(r.code));
}

// Ancestors from the top of the caller's scope down to the region's parent.
export async function ancestors(region: Region, scopeRoot: string): Promise<Region[]> {
  const out: Region[] = [];
  let current = region;
  while (current.code !== scopeRoot && current.parent) {
    const parent = (await regionDetail(current.parent)).region;
    out.unshift(parent);
    current = parent;
  }
  return out;
}
