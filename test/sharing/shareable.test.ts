/**
 * The shareable block is the one way (issue 21): every shareable object type spreads
 * `shareableNode` (its guard and a node(id:) with the visibility rule) and every create of a
 * shareable record takes its sharing columns from src/sharing/shareable.ts, so none can forget
 * the author person or check partners another way. (Behaviour: test/sharing/leaks.test.ts,
 * test/writes/*.) Sample loaders (`sample.ts`) write fixed rows and are not creates of users.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHAREABLE } from '../../src/sharing/change.js';

const src = path.resolve(import.meta.dirname, '..', '..', 'src');
const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts') && !name.startsWith('generated') && !name.startsWith('sharing') && !name.endsWith('sample.ts'))
  .map((name) => ({ name, text: readFileSync(path.join(src, name), 'utf8') }));

describe('the shareable block', () => {
  it('no create outside src/sharing/ writes sharing columns by hand', () => {
    const byHand = files.filter(({ text }) => /authorPersonId:\s*viewer|sharedWith:\s*\{\s*create/.test(text)).map(({ name }) => name);
    expect(byHand).toEqual([]);
  });

  it('every shareable object type spreads shareableNode; the four records also take their sharing fields from shareableFields', () => {
    for (const entity of Object.keys(SHAREABLE)) {
      const node = files.find(({ text }) => text.includes(`builder.prismaNode('${entity}'`));
      expect(node?.text).toContain(`...shareableNode('${entity}'`);
      if (['IntelligenceItem', 'CommunityAsset', 'Issue', 'Action'].includes(entity)) expect(node?.text).toContain(`shareableFields('${entity}'`);
    }
  });
});
