import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFromEnvironment } from '../src/start.js';
const dir = mkdtempSync(path.join(tmpdir(), 'h4-'));
try {
  const s = await startFromEnvironment({ ...process.env, DATABASE_URL: `file:${dir}/records.db`, DUCKDB_PATH: `${dir}/analytics.duckdb`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, (l) => console.error('STDERR', l));
  console.log('started', !!s);
  if (s) await s.close?.();
} catch (e: any) {
  console.error('ERR', e?.message);
  for (const p of e?.problems ?? []) console.error('  ', JSON.stringify(p));
}
process.exit(0);
