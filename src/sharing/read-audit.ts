/**
 * Every read of a RESTRICTED item is on record: exactly one READ audit event per item per request,
 * whichever paths (a list, `node(id:)`, a nested edge, a search) returned it, and however many
 * times.
 *
 * The object types note each restricted row they resolve (`noteRestrictedRead`); the notes are
 * written in one statement when the request's result is ready (`flushRestrictedReads`: the Apollo
 * plugin below for /graphql, and src/pages/graphql.ts for the pages and downloads). If the audit
 * cannot be written the request fails and the client receives no restricted data: an unrecorded
 * read is worse than a failed one.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type AuditChange, recordAudits } from '../audit/audit.js';
import type { Context } from '../schema/context.js';

/** Restricted items read in one request: entity (GraphQL type name) to ids. */
export type RestrictedReads = Map<string, Set<number>>;

export function newRestrictedReads(): RestrictedReads {
  return new Map();
}

export function noteRestrictedRead(ctx: Pick<Context, 'restrictedReads'>, entity: string, id: number): void {
  let ids = ctx.restrictedReads.get(entity);
  if (!ids) ctx.restrictedReads.set(entity, (ids = new Set()));
  ids.add(id);
}

/** Writes the request's READ events (one statement) and forgets them, so a second flush writes nothing. */
export async function flushRestrictedReads(ctx: Pick<Context, 'restrictedReads' | 'prisma' | 'viewer'>): Promise<number> {
  const reads = [...ctx.restrictedReads].flatMap(([entity, ids]): AuditChange[] =>
    entity === 'AuditEvent'
      ? // A read of the audit log: one event naming the events read (src/audit/types.ts).
        [{ action: 'READ' as const, entity, entityId: 'log', after: { eventIds: [...ids].sort((a, b) => a - b) } }]
      : [...ids].map((entityId) => ({ action: 'READ' as const, entity, entityId })),
  );
  ctx.restrictedReads.clear();
  await recordAudits(ctx.prisma, ctx.viewer, reads);
  return reads.length;
}

export const restrictedReadsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, logger }) {
        if (contextValue.restrictedReads.size === 0) return;
        try {
          await flushRestrictedReads(contextValue);
        } catch (error) {
          contextValue.logger.error({ err: error }, 'could not record reads of restricted items: the response is withheld');
          logger.error('restricted-read audit failed');
          if (response.body.kind === 'single') {
            response.body.singleResult = {
              errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
            };
          }
          response.http.status = 500;
        }
      },
    };
  },
};
