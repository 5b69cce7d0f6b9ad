// Who is signed in: the token lives in sessionStorage (gone when the tab closes), and
// GET /api/v1/me tells the role and home region. In demo mode an anonymous visitor reads all.

import { ApiError, get, request, setBearer } from './api';
import type { Me, Role } from './types';

const kTokenKey = 'outbreak.token';

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(kTokenKey);
  } catch {
    return null;
  }
}

function storeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(kTokenKey, token);
    else sessionStorage.removeItem(kTokenKey);
  } catch {
    // Private modes may refuse storage: the token then lasts as long as the page.
  }
  setBearer(token);
}

// The caller, or null when the server wants a sign-in (not in demo mode).
export async function whoAmI(): Promise<Me | null> {
  setBearer(storedToken());
  try {
    return await get<Me>('/api/v1/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (storedToken()) {
      // The token expired or was revoked: forget it and ask again as nobody.
      storeToken(null);
      return whoAmI();
    }
    return null;
  }
}

export async function signIn(name: string, password: string): Promise<Me> {
  setBearer(null);
  const { body } = await request<{ token: string; user: Me }>('/api/v1/auth/login', {
    method: 'POST',
    body: { name, password },
  });
  storeToken(body.token);
  return { ...body.user, anonymous: false };
}

export async function signOut(): Promise<void> {
  try {
    if (storedToken()) await request('/api/v1/auth/logout', { method: 'POST' });
  } catch {
    // Signed out here whatever the server says; the token expires on its own.
  } finally {
    storeToken(null);
  }
}

export function forgetToken(): void {
  storeToken(null);
}

const kWriters: Role[] = ['admin', 'headquarters', 'province_officer', 'county_clerk'];

export function mayWriteReports(me: Me): boolean {
  return !me.anonymous && kWriters.includes(me.role);
}

// What the care routes allow (docs/care.md): the census of one's centres, proposing plans,
// adopting them.
const kCensusWriters: Role[] = ['admin', 'headquarters', 'treatment_centre'];
const kPlanners: Role[] = ['admin', 'headquarters', 'province_officer'];
const kAdopters: Role[] = ['admin', 'headquarters'];

export function mayWriteCensus(me: Me): boolean {
  return !me.anonymous && kCensusWriters.includes(me.role);
}

export function mayProposePlans(me: Me): boolean {
  return !me.anonymous && kPlanners.includes(me.role);
}

export function mayAdoptPlans(me: Me): boolean {
  return !me.anonymous && kAdopters.includes(me.role);
}

// What the supply, guidance and prevention-level routes allow (src/access/role.cpp): shipments,
// ledger and distribution plans; forming teams and closing findings; deciding levels; marking the
// tasks of an action programme done.
const kSupplyWriters: Role[] = ['admin', 'headquarters', 'supply_officer'];
const kHeadquarters: Role[] = ['admin', 'headquarters'];
const kTaskWriters: Role[] = ['admin', 'headquarters', 'province_officer', 'county_clerk'];

export function mayWriteSupply(me: Me): boolean {
  return !me.anonymous && kSupplyWriters.includes(me.role);
}

export function mayDrawReserve(me: Me): boolean {
  return !me.anonymous && kHeadquarters.includes(me.role);
}

// A recall order is national headquarters' (or an admin's for the whole country).
export function mayOrderRecalls(me: Me): boolean {
  return !me.anonymous && kHeadquarters.includes(me.role) && me.region === 'KP';
}

export function mayManageGuidance(me: Me): boolean {
  return !me.anonymous && kHeadquarters.includes(me.role);
}

export function mayDecideLevels(me: Me): boolean {
  return !me.anonymous && kHeadquarters.includes(me.role);
}

export function mayUpdateTasks(me: Me): boolean {
  return !me.anonymous && kTaskWriters.includes(me.role);
}

export function roleLabel(role: Role): string {
  return role.replace(/_/g, ' ');
}
