// Calls to the JSON API: the bearer token, and errors as values the page can show.

import type { Page } from './types';

// The API answered with an error body {"error": {"code", "message", "details"}}.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

// The request did not reach the server, or its answer did not come back.
export class NetworkError extends Error {}

let bearer: string | null = null;
let onUnauthorised: (() => void) | null = null;

export function setBearer(token: string | null): void {
  bearer = token;
}

// Called when a request with a token is refused as not signed in (the token expired or was
// revoked).
export function setUnauthorisedHandler(handler: () => void): void {
  onUnauthorised = handler;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(`the server could not be reached (${String(error)})`);
  }
  let parsed: unknown = null;
  const text = await response.text().catch(() => {
    throw new NetworkError('the answer was cut off');
  });
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: string[] } })?.error;
    if (response.status === 401 && bearer && onUnauthorised) onUnauthorised();
    throw new ApiError(
      response.status,
      error?.code ?? 'http_' + response.status,
      error?.message ?? `the server answered ${response.status}`,
      Array.isArray(error?.details) ? error!.details : [],
    );
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const qs = params.toString();
  return (await request<T>(qs ? `${path}?${qs}` : path)).body;
}

// Every item of a paged list (limit 1000 a page).
export async function getAll<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await get<Page<T>>(path, { ...query, limit: 1000, offset: items.length });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

// An error as a sentence and its details, for the page.
export function describeError(error: unknown): { message: string; details: string[] } {
  if (error instanceof ApiError) return { message: error.message, details: error.details };
  if (error instanceof Error) return { message: error.message, details: [] };
  return { message: String(error), details: [] };
}
