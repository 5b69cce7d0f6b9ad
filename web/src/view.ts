// What every view is given.

import type { LiveConnection } from './live';
import type { ReportQueue } from './offline_queue';
import type { Me } from './types';

export interface ViewContext {
  me: Me;
  live: LiveConnection;
  queue: ReportQueue | null;  // the outbox, for those who may file reports
  navigate(hash: string): void;
  setTitle(title: string): void;
}
