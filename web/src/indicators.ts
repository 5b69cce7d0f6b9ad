// What the map can be coloured by, and the colour scales: sequential classes for counts per
// population, diverging classes around "no change" for growth and around 1 for R_t.

import { decimal, int } from './format';

export type IndicatorId = 'per100k' | 'under100k' | 'growth' | 'rt';

export interface LegendItem {
  colour: string;
  label: string;
}

export interface Scale {
  colour(value: number | null): string;
  legend: LegendItem[];
}

export interface Indicator {
  id: IndicatorId;
  label: string;  // for the selector and the legend's title
  column: string;  // the short heading of its column in a table
  format(value: number | null): string;
  scale(values: number[]): Scale;
}

export const kNoData = '#d9d9d9';
// ColorBrewer YlOrRd and RdBu (Cynthia Brewer, colorbrewer2.org), seven classes.
const kSequential = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];
const kDiverging = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

// To two significant digits: 1,267 → 1,300 (or 1,200 rounding down).
function roundNice(value: number, round: (v: number) => number): number {
  if (value <= 0) return 0;
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)) - 1);
  return round(value / magnitude) * magnitude;
}

function classify(breaks: number[], colours: string[], format: (v: number) => string): Scale {
  const legend: LegendItem[] = colours.map((colour, idx) => {
    if (breaks.length === 0) return { colour, label: 'all' };
    if (idx === 0) return { colour, label: `below ${format(breaks[0])}` };
    if (idx === breaks.length) return { colour, label: `${format(breaks[idx - 1])} and above` };
    return { colour, label: `${format(breaks[idx - 1])} to ${format(breaks[idx])}` };
  });
  return {
    colour(value) {
      if (value === null || !Number.isFinite(value)) return kNoData;
      let idx = 0;
      while (idx < breaks.length && value >= breaks[idx]) ++idx;
      return colours[idx];
    },
    legend: legend.concat({ colour: kNoData, label: 'no data' }),
  };
}

// Classes of about equal numbers of regions, with round bounds; regions with none (zero) get
// the lightest class of their own.
function quantileScale(values: number[], format: (v: number) => string): Scale {
  const finite = values.filter((v) => Number.isFinite(v));
  const positive = finite.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return classify([], kSequential.slice(0, 1), format);
  const zeros = finite.length > positive.length;
  const classes = Math.min(zeros ? kSequential.length - 1 : kSequential.length, positive.length);
  const breaks: number[] = zeros ? [roundNice(positive[0], Math.floor)] : [];
  for (let class_idx = 1; class_idx < classes; ++class_idx) {
    const cut = roundNice(positive[Math.floor((class_idx * positive.length) / classes)], Math.round);
    if (cut > 0 && (breaks.length === 0 || cut > breaks[breaks.length - 1])) breaks.push(cut);
  }
  // Spread the palette over the classes there are, keeping its ends.
  const colours = Array.from({ length: breaks.length + 1 }, (_, idx) =>
    kSequential[Math.round((idx * (kSequential.length - 1)) / Math.max(1, breaks.length))]);
  return classify(breaks, colours, format);
}

const perPopulation = (v: number) => (v < 10 ? decimal(v, 1) : int(v));

export const kIndicators: Indicator[] = [
  {
    id: 'per100k',
    label: 'New fever cases per 100,000',
    column: 'New per 100,000',
    format: (v) => (v === null ? 'no data' : decimal(v, 0)),
    scale: (values) => quantileScale(values, perPopulation),
  },
  {
    id: 'under100k',
    label: 'Under treatment per 100,000',
    column: 'Treated per 100,000',
    format: (v) => (v === null ? 'no data' : decimal(v, 0)),
    scale: (values) => quantileScale(values, perPopulation),
  },
  {
    id: 'growth',
    label: 'Growth rate of cases (% a day)',
    column: 'Growth',
    format: (v) => (v === null ? 'no data' : `${v > 0 ? '+' : ''}${decimal(v * 100, 1)}% a day`),
    scale: () => classify([-0.1, -0.05, -0.01, 0.01, 0.05, 0.1], kDiverging, (v) => `${decimal(v * 100, 0)}%`),
  },
  {
    id: 'rt',
    label: 'Reproduction number R_t (mean)',
    column: 'R_t',
    format: (v) => (v === null ? 'no data' : decimal(v, 2)),
    scale: () => classify([0.6, 0.8, 0.95, 1.05, 1.2, 1.5], kDiverging, (v) => decimal(v, 2)),
  },
];

export function indicator(id: string | undefined): Indicator {
  return kIndicators.find((i) => i.id === id) ?? kIndicators[0];
}
