// The DuckDB peer of bench/import_bench.sh: loads a reports CSV into an in-memory DuckDB with
// read_csv, then times the aggregates behind a national situation report as of a day:
//   day        - the day's per-province sums (flows, under treatment, tests, reporters);
//   cumulative - per-province sums of every day up to and including it.
// Each query runs once to warm up, then --repeat times; the median is printed.
//
// Usage: node duckdb_bench.mjs --csv reports.csv --date 2021-05-14 [--repeat 7]
// Prints key=value lines (times in milliseconds) for the script to read.

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import duckdb, { DuckDBInstance } from '@duckdb/node-api';

const { values: args } = parseArgs({
  options: {
    csv: { type: 'string' },
    date: { type: 'string' },
    repeat: { type: 'string', default: '7' },
  },
});
if (!args.csv || !/^\d{4}-\d{2}-\d{2}$/.test(args.date ?? '')) {
  console.error('usage: node duckdb_bench.mjs --csv FILE --date YYYY-MM-DD [--repeat N]');
  process.exit(2);
}
const repeat = Math.max(1, Number.parseInt(args.repeat, 10) || 7);
const quoted = (text) => `'${text.replaceAll("'", "''")}'`;

// The province of a unit "XX-01-0001" is "XX-01".
const daySql = `
  SELECT substr(region, 1, 5) AS province, sum(new_fever), sum(new_recovered), sum(new_deaths),
         sum(under_treatment), sum(tested), sum(positive), count(*) AS reporters
  FROM reports WHERE date = DATE ${quoted(args.date)}
  GROUP BY province ORDER BY province`;
const cumulativeSql = `
  SELECT substr(region, 1, 5) AS province, sum(new_fever) AS fever, sum(new_recovered),
         sum(new_deaths), sum(tested), sum(positive)
  FROM reports WHERE date <= DATE ${quoted(args.date)}
  GROUP BY province ORDER BY province`;

async function timeMs(action) {
  const started = performance.now();
  const result = await action();
  return { ms: performance.now() - started, result };
}

async function medianMs(connection, sql) {
  await connection.runAndReadAll(sql);  // warm-up
  const times = [];
  let rows = [];
  for (let run = 0; run < repeat; ++run) {
    const { ms, result } = await timeMs(() => connection.runAndReadAll(sql));
    times.push(ms);
    rows = result.getRows();
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], rows };
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows();

const load = await timeMs(() =>
  connection.run(`CREATE TABLE reports AS SELECT * FROM read_csv(${quoted(args.csv)})`));
const count = (await connection.runAndReadAll('SELECT count(*) FROM reports')).getRows()[0][0];

const day = await medianMs(connection, daySql);
const cumulative = await medianMs(connection, cumulativeSql);
const nationFever = cumulative.rows.reduce((sum, row) => sum + BigInt(row[1]), 0n);

console.log(`duckdb_version=${duckdb.version()}`);
console.log(`duckdb_threads=${threads[0][0]}`);
console.log(`duckdb_rows=${count}`);
console.log(`duckdb_load_ms=${load.ms.toFixed(1)}`);
console.log(`duckdb_day_sums_ms=${day.ms.toFixed(2)}`);
console.log(`duckdb_cumulative_sums_ms=${cumulative.ms.toFixed(2)}`);
console.log(`duckdb_provinces=${day.rows.length}`);
console.log(`duckdb_nation_cum_fever=${nationFever}`);
