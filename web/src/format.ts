// Numbers and dates as the headquarters reads them: 219,030; +1,234; 2022-05-20.

const kInt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function int(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : kInt.format(value);
}

export function signed(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return (value > 0 ? '+' : value < 0 ? '−' : '±') + kInt.format(Math.abs(value));
}

export function decimal(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${decimal(ratio * 100, digits)}%`;
}

// Civil dates as "YYYY-MM-DD" strings, computed in UTC so that no time zone shifts them.
export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// Seconds since the epoch at midnight UTC: the x axis of the charts.
export function dayToSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

export function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function clock(date = new Date()): string {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}
