/**
 * Fields every kind of area answers (`profile`, `population`, `spend`, `costOfDemand`), each
 * registered once: `registerAreaField` adds the field to Locality, LocalityGroup and County with
 * one resolver that receives the area as an `AreaInRequest` (its geography version, its key and
 * name), so a domain writes its field once and every kind of area has it.
 */
import { asFieldRef, builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import { type AreaKey, groupAreaCode, WHOLE_AREA_CODE } from './areas.js';
import { CountyRef, LocalityGroupRef } from './types.js';

/** An area as a field resolver sees it. */
export interface AreaInRequest {
  versionId: string;
  area: AreaKey;
  name: string;
}

/** Which kind of parent a description is written for. */
export type AreaWhose = 'locality' | 'group' | 'area';

interface AreaFieldOptions<Args> {
  // The output type and the options Pothos takes as they are (type, nullable, authScopes, complexity).
  type: unknown;
  nullable?: boolean;
  authScopes?: unknown;
  /** Arguments (from builder.args); a `geographyVersion` argument, if any, is honoured on localities. */
  args: Args;
  description: (whose: AreaWhose) => string;
  resolve: (area: AreaInRequest, args: never, ctx: Context) => unknown;
}

export function registerAreaField<Args extends object>(name: string, options: AreaFieldOptions<Args>): void {
  const { resolve, description, ...common } = options;
  const call = (area: AreaInRequest, args: unknown, ctx: Context) => resolve(area, args as never, ctx);
  builder.prismaObjectField('Locality', name, (t) =>
    asFieldRef(t.field({
      ...(common as object),
      description: description('locality'),
      resolve: (locality: { code: string; name: string }, args: { geographyVersion?: string | null }, ctx: Context) =>
        call({ versionId: ctx.geography.versionId(args.geographyVersion), area: { kind: 'LOCALITY', code: locality.code }, name: locality.name }, args, ctx),
    } as never)),
  );
  builder.objectField(LocalityGroupRef, name, (t) =>
    t.field({
      ...(common as object),
      description: description('group'),
      resolve: (group: { versionId: string; grouping: string; code: string; name: string }, args: unknown, ctx: Context) =>
        call({ versionId: group.versionId, area: { kind: 'LOCALITY_GROUP', code: groupAreaCode(group.grouping, group.code) }, name: group.name }, args, ctx),
    } as never),
  );
  builder.objectField(CountyRef, name, (t) =>
    t.field({
      ...(common as object),
      description: description('area'),
      resolve: (county: { version: { id: string; countyName: string } }, args: unknown, ctx: Context) =>
        call({ versionId: county.version.id, area: { kind: 'COUNTY', code: WHOLE_AREA_CODE }, name: county.version.countyName }, args, ctx),
    } as never),
  );
}
