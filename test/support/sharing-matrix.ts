/**
 * The leak-test matrix's viewers and rule, shared by every shareable record's matrix
 * (test/sharing/leaks.test.ts, test/reporting/leaks.test.ts): five viewers, three sharing
 * levels, and the table of what each viewer may see. Items are authored by `author`'s partner and
 * name `named`'s partner; `unnamed` is a partner not named on them.
 */
import type { RecordsClient } from '../../src/db/records.js';
import { tokenFor } from './tokens.js';

export const LEVELS = ['PUBLIC', 'PARTNERSHIP', 'RESTRICTED'] as const;
export type Level = (typeof LEVELS)[number];
export type ViewerName = 'anonymous' | 'author' | 'named' | 'unnamed' | 'admin';

/** What each viewer may see: the rule, written out as a table. */
export const VISIBLE: Record<ViewerName, Level[]> = {
  anonymous: ['PUBLIC'],
  author: ['PUBLIC', 'PARTNERSHIP', 'RESTRICTED'],
  named: ['PUBLIC', 'PARTNERSHIP', 'RESTRICTED'],
  unnamed: ['PUBLIC', 'PARTNERSHIP'],
  admin: ['PUBLIC', 'PARTNERSHIP', 'RESTRICTED'],
};
export const VIEWERS = Object.keys(VISIBLE) as ViewerName[];

export const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

export interface MatrixViewers {
  tokens: Record<ViewerName, string | undefined>;
  partnerIds: Record<Exclude<ViewerName, 'anonymous'>, number>;
  /** The sharing input of an item at `level`, naming `named`'s partner. */
  sharing(level: Level): { sharingLevel: Level; sharedWithPartnerIds: string[] };
}

/** The first four partners of the record store as author, named, unnamed and admin, with their tokens. */
export async function matrixViewers(db: RecordsClient): Promise<MatrixViewers> {
  const [author, named, unnamed, admin] = (await db.partner.findMany({ take: 4, orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id) as [
    number,
    number,
    number,
    number,
  ];
  return {
    partnerIds: { author, named, unnamed, admin },
    tokens: {
      anonymous: undefined,
      author: await tokenFor({ partnerId: author, roles: ['CONTRIBUTOR'] }),
      named: await tokenFor({ partnerId: named, roles: ['READER'] }),
      unnamed: await tokenFor({ partnerId: unnamed, roles: ['READER', 'ANALYST'] }),
      admin: await tokenFor({ partnerId: admin, roles: ['ADMIN'] }),
    },
    sharing: (level) => ({ sharingLevel: level, sharedWithPartnerIds: [gid('Partner', named)] }),
  };
}
