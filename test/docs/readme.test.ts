/**
 * The README's example queries stay true: every ```graphql block in it parses and validates
 * against the schema the server serves, so a renamed field cannot leave the tour behind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const README = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, i) => [i + 1, match[1]!] as const);

describe('README examples', () => {
  it('has examples for every area of the tour', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(blocks)('example %i validates against the schema', (_n, text) => {
    const errors = validate(schema, parse(text)).map((error) => error.message);
    expect(errors).toEqual([]);
  });
});
