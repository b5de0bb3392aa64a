/**
 * The schema: every domain's types, registered on the one builder, built once.
 * A new domain adds one import here.
 */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
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
