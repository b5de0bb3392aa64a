/**
 * The schema: every domain's types, registered on the one builder, built once.
 * A new domain adds one import here.
 */
import { isObjectType, lexicographicSortSchema } from 'graphql';
import { builder, NODE_TYPES } from './builder.js';
import { getDatamodel } from '../generated/prisma/pothos-types.js';
import { withholdUnlistedPeople } from '../sharing/consent.js';
import '../geography/types.js';
import '../population/types.js';
import '../statistics/types.js';
import '../partnership/schema.js';
import '../auth/types.js';
import '../sharing/types.js';
import '../intelligence/schema.js';
import '../costs/schema.js';
import '../alerts/schema.js';
import '../calendars/schema.js';
import '../reporting/schema.js';
import '../audit/types.js';
import '../funds/schema.js';
import '../influence/types.js';
import '../inequality/types.js';
import '../population/pyramid.schema.js';
import '../insight/schema.js';
import '../custom-areas/custom-areas.schema.js';

export const schema = lexicographicSortSchema(builder.toSchema());
withholdUnlistedPeople(schema);

// The Node types and the shape of their keys: the Prisma field a type's global id is made from
// (its `id: { field }`, found by reading which property the id resolver takes from a record), and
// that field's type in the Prisma datamodel (Int: a number; String: a code such as a locality's).
const MODELS: Record<string, { fields: readonly { name: string; type: string }[] }> = getDatamodel().datamodel.models;
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) continue;
  const extensions = type.extensions as { pothosPrismaModel?: string; pothosOptions?: { id?: { resolve?: (parent: unknown, context: unknown) => unknown } } };
  let field = 'id';
  const probe = new Proxy({}, { get: (_target, name) => { if (typeof name === 'string') field = name; return undefined; } });
  try {
    extensions.pothosOptions?.id?.resolve?.(probe, {});
  } catch {
    // The probe only needs the property the resolver read.
  }
  const model = extensions.pothosPrismaModel ? MODELS[extensions.pothosPrismaModel] : undefined;
  const fieldType = model?.fields.find((f) => f.name === field)?.type ?? 'Int';
  NODE_TYPES.set(type.name, fieldType === 'Int' || fieldType === 'BigInt' ? 'number' : 'code');
}
