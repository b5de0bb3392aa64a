/**
 * The directory-consent rule, the people's counterpart of the sharing rule (visibility.ts): an
 * anonymous viewer sees a person only when they consented to be listed in the locality network
 * directory; a signed-in viewer sees every person of the partnership.
 *
 * Like the sharing rule it is applied in one place per kind of path, so no path (and no path yet
 * to be written) can bypass it:
 * - lists and `node(id:)` filter in the database with `listedWhere`;
 * - every field that returns one Person (a role's holder, a board's chair, a member, an attendee,
 *   a respondent, an author, an owner...) is wrapped by `withholdUnlistedPeople` when the schema is
 *   built: an unlisted person comes back null, exactly as no person;
 * - the Person type's guard (`personGuard`) checks every row that still reaches a client.
 */
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, getNullableType, isNonNullType, isObjectType } from 'graphql';
import type { Viewer } from '../auth/viewer.js';

export interface Listable {
  directoryConsent: boolean;
}

/** The rule as a Prisma where-clause on Person. */
export function listedWhere(viewer: Viewer): { directoryConsent?: true } {
  return viewer.anonymous ? { directoryConsent: true } : {};
}

/** The rule for a loaded person. */
export function canSeePerson(viewer: Viewer, person: Listable): boolean {
  return !viewer.anonymous || person.directoryConsent === true;
}

/** The Person type's `authScopes`: the second line of defence, as shareableGuard is for items. */
export function personGuard(person: Listable & { id: number }, ctx: { viewer: Viewer; logger: { error(o: object, m: string): void } }): boolean {
  if (canSeePerson(ctx.viewer, person)) return true;
  ctx.logger.error({ entity: 'Person', id: person.id }, 'a query returned a person its viewer may not see: withheld');
  return false;
}

function withheld(value: unknown, viewer: Viewer): unknown {
  if (value && typeof value === 'object' && 'directoryConsent' in value && !canSeePerson(viewer, value as Listable)) return null;
  return value;
}

/**
 * Wraps every field of `schema` whose type is one Person (mutations aside: only signed-in viewers
 * make them) so that a person the viewer may not see is null. A non-null Person field outside the
 * mutations would have no way to withhold one: that stops the server at start.
 */
export function withholdUnlistedPeople(schema: GraphQLSchema): void {
  const person = schema.getType('Person');
  const mutation = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type === mutation || type.name.startsWith('__') || type.name.endsWith('Edge')) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNullableType(field.type) !== person) continue;
      if (isNonNullType(field.type)) throw new Error(`${type.name}.${field.name} returns Person!: it must be nullable, to withhold an unlisted person`);
      const resolve: GraphQLFieldResolver<unknown, { viewer: Viewer }> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx, info) => {
        const value = resolve(parent, args, ctx, info) as unknown;
        return value instanceof Promise ? value.then((v) => withheld(v, ctx.viewer)) : withheld(value, ctx.viewer);
      };
    }
  }
}
