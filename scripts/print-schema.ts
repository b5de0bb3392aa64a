/**
 * `npm run schema:print`: write the GraphQL schema to schema.graphql, committed so every API
 * change shows in review. `--check` fails when the committed file is stale (run by npm test).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { projectRoot } from '../src/project-root.js';
import { schema } from '../src/schema/index.js';

const file = path.join(projectRoot, 'schema.graphql');
const text = `${printSchema(schema)}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {}
  if (committed !== text) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
