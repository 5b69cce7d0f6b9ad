// The outbox of daily reports. A report is stored on the device first (localStorage) with an
// Idempotency-Key of its own, then sent; what the network could not take stays and goes out when
// the line returns (the `online` event, and a timer). The server answers a resend with the same
// key with its first answer and writes nothing, so a report lands exactly once even when an
// answer is lost on the way back.

import { ApiError, NetworkError, request } from './api';
import type { ReportInput, WriteResult } from './types';

export interface QueuedReport {
  key: string;  // the Idempotency-Key, fixed when the report is queued
  body: ReportInput;
  queued_at: string;
  attempts: number;
  // pending: waiting for the network; rejected: the server refused it, the sender must act.
  state: 'pending' | 'rejected';
  error?: { message: string; details: string[] };
}

export interface SentReport {
  key: string;
  body: ReportInput;
  result: WriteResult;
  replayed: boolean;  // the server had it already and answered as the first time
  sent_at: string;
}

// A version 4 UUID. crypto.randomUUID exists only on secure origins (https, localhost); a page
// served over plain http on a network address has getRandomValues alone.
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class ReportQueue {
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly sentReports: SentReport[] = [];
  private stopAuto: (() => void) | null = null;
  // Why the last attempt stopped short, for the page to say ("offline", a server error).
  lastProblem = '';

  constructor(private readonly storageKey: string) {}

  items(): QueuedReport[] {
    try {
      const text = localStorage.getItem(this.storageKey);
      const parsed: unknown = text ? JSON.parse(text) : [];
      return Array.isArray(parsed) ? (parsed as QueuedReport[]) : [];
    } catch {
      return [];
    }
  }

  sent(): readonly SentReport[] {
    return this.sentReports;
  }

  add(body: ReportInput): QueuedReport {
    const item: QueuedReport = { key: newKey(), body, queued_at: new Date().toISOString(), attempts: 0, state: 'pending' };
    this.save([...this.items(), item]);
    return item;
  }

  discard(key: string): void {
    this.save(this.items().filter((item) => item.key !== key));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Sends what is pending, oldest first, one at a time; stops at the first report the network
  // cannot take. Concurrent calls share one run.
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.run().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  // Flushes now, whenever the browser comes back online, and every `intervalMs`.
  startAutoFlush(intervalMs: number): void {
    this.stopAutoFlush();
    const flush = () => void this.flush();
    const onStorage = (event: StorageEvent) => {
      if (event.key === this.storageKey) this.notify();
    };
    window.addEventListener('online', flush);
    window.addEventListener('storage', onStorage);
    const timer = window.setInterval(flush, intervalMs);
    this.stopAuto = () => {
      window.removeEventListener('online', flush);
      window.removeEventListener('storage', onStorage);
      window.clearInterval(timer);
    };
    flush();
  }

  stopAutoFlush(): void {
    this.stopAuto?.();
    this.stopAuto = null;
  }

  private async run(): Promise<void> {
    for (;;) {
      const next = this.items().find((item) => item.state === 'pending');
      if (!next) {
        this.lastProblem = '';
        this.notify();
        return;
      }
      this.update(next.key, (item) => ({ ...item, attempts: item.attempts + 1 }));
      try {
        const answer = await request<WriteResult>('/api/v1/reports', {
          method: 'POST',
          body: next.body,
          headers: { 'Idempotency-Key': next.key },
        });
        this.save(this.items().filter((item) => item.key !== next.key));
        this.sentReports.unshift({
          key: next.key,
          body: next.body,
          result: answer.body,
          replayed: answer.headers.get('Idempotent-Replayed') === 'true',
          sent_at: new Date().toISOString(),
        });
        this.sentReports.splice(20);
        this.notify();
      } catch (error) {
        if (error instanceof NetworkError) {
          this.lastProblem = 'offline: the report is kept on this device and goes out when the line returns';
          this.notify();
          return;
        }
        if (error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.status === 401)) {
          // The server is busy, or the sign-in has lapsed: keep the report and try again later.
          this.lastProblem =
            error.status === 401 ? 'sign in again to send the reports waiting here' : `the server is busy (${error.message}); retrying`;
          this.notify();
          return;
        }
        const { message, details } =
          error instanceof ApiError ? error : { message: String(error), details: [] as string[] };
        this.update(next.key, (item) => ({ ...item, state: 'rejected', error: { message, details } }));
      }
    }
  }

  private update(key: string, change: (item: QueuedReport) => QueuedReport): void {
    this.save(this.items().map((item) => (item.key === key ? change(item) : item)));
  }

  private save(items: QueuedReport[]): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(items));
    } catch {
      this.lastProblem = 'this browser refused to store the report';
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
