#!/usr/bin/env node
// The reading limit: DuckDB's GROUP BY over the same CSV files as the report, counting
// persons per office × group × outcome. Every column is read as text (all_varchar) and
// counted (count(COLUMNS(*))), so that DuckDB's projection pushdown cannot skip the
// columns the report has to read. Run in a fresh process each time, like the other peers.
// @duckdb/node-api is not a dependency of the project: bench/run.mjs installs it into
// bench/.duckdb (git-ignored) when it is missing, and this script loads it from there.
// Usage: node bench/duckdb-peer.mjs DIR
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const dir = process.argv[2];
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.csv'))
  .sort()
  .map((name) => join(dir, name));
const duckdbFolder = new URL('.duckdb/', import.meta.url).pathname;
const { DuckDBInstance } = await import(createRequire(duckdbFolder).resolve('@duckdb/node-api'));

const list = files.map((file) => `'${file.replaceAll("'", "''")}'`).join(', ');
const sql =
  `SELECT office, "group", outcome, count(*), count(COLUMNS(*)) ` +
  `FROM read_csv([${list}], header = true, all_varchar = true) GROUP BY office, "group", outcome`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRows();
const persons = rows.reduce((sum, row) => sum + Number(row[3]), 0);
process.stdout.write(`duckdb groups ${rows.length} rows ${persons}\n`);
connection.closeSync();
instance.closeSync();
