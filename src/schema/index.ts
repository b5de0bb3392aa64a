/**
 * The schema: every domain's types, registered on the one builder, built once.
 * A new domain adds one import here.
 */
import { isObjectType, lexicographicSortSchema } from 'graphql';
import { builder, NODE_TYPES } from './builder.js';
import { withholdUnlistedPeople } from '../sharing/consent.js';
import '../geography/types.js';
import '../population/types.js';
import '../statistics/types.js';
import '../partnership/types.js';
import '../auth/types.js';
import '../sharing/types.js';
import '../intelligence/types.js';
import '../costs/types.js';
import '../reporting/types.js';
import '../audit/types.js';
import '../funds/types.js';
import '../influence/types.js';
import '../inequality/types.js';
import '../population/pyramid.schema.js';

export const schema = lexicographicSortSchema(builder.toSchema());
withholdUnlistedPeople(schema);

// The Node types and the shape of their keys: the Prisma plugin's own id parser turns a key that
// is not a number into NaN for a numeric key.
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) continue;
  const parse = type.extensions.pothosParseGlobalID as ((id: string) => unknown) | undefined;
  const keyedByCode = type.extensions.nodeKey === 'code' || (parse && !Number.isNaN(parse('not-a-number')));
  NODE_TYPES.set(type.name, keyedByCode ? 'code' : 'number');
}
