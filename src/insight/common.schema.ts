/**
 * What the insight questions share in the graph: the enums, a judged profile row, a live
 * priority with its places and partners, and the request's reads. The records (live priorities,
 * localities, service-area coverage) are read once per request whichever questions ask
 * (`liveWorkOf`), and every locality's latest profile is one profile query through the request's
 * loader (`latestProfiles`), so each question is a fixed number of statements.
 */
import { LocalityRef } from '../geography/types.js';
import { BoardRef } from '../partnership/boards.schema.js';
import { optionalId } from '../schema/input.js';
import { PartnerRef } from '../partnership/partners.schema.js';
import { PriorityRef } from '../partnership/priorities.schema.js';
import { NotFoundError } from '../errors.js';
import { builder } from '../schema/builder.js';
import type { Context } from '../schema/context.js';
import type { ProfileRow } from '../statistics/profile.js';
import { IndicatorRef, ProfileRowRef } from '../statistics/types.js';
import { type Judgement, SIGNIFICANCES } from './need.js';
import { type LiveWork, loadLiveWork, loadLocalities, type LivePriority, type LocalityRecord } from './records.js';


export const SignificanceEnum = builder.enumType('NeedSignificance', {
  description:
    'An area against the county at two levels, as the public health profiles grade it: outside the 99.8% interval (WORSE_998, BETTER_998), outside the 95% only (WORSE_95, BETTER_95), inside it (SIMILAR), or no judgement (no polarity, a count, a withheld value, the county).',
  values: SIGNIFICANCES,
});

export const ConfidenceLevelEnum = builder.enumType('ConfidenceLevel', {
  description: 'The level at which "significantly worse" is judged.',
  values: {
    CONFIDENCE_95: { description: 'Worse at 95% (the county outside the area’s 95% interval), the stronger grade included.' },
    CONFIDENCE_998: { description: 'Worse at 99.8% only.' },
  },
});

export const JudgementRef = builder.objectRef<Judgement>('NeedJudgement').implement({
  description: 'One indicator’s latest profile row in an area, judged: significance against the county at 95% and 99.8%, and whether its trend is getting worse.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, description: 'The indicator.', resolve: (j) => j.row.indicator }),
    row: t.field({ type: ProfileRowRef, description: 'The profile row (value, intervals, county value, trend).', resolve: (j) => j.row }),
    significance: t.field({ type: SignificanceEnum, description: 'Against the county, at two levels.', resolve: (j) => j.significance }),
    worsening: t.exposeBoolean('worsening', { description: 'True when the recent trend is significant and in the worse direction.' }),
  }),
});

export const PriorityAtWorkRef = builder.objectRef<LivePriority>('PriorityAtWork').implement({
  description: 'A live priority of a sitting board, with the places it addresses and its board’s partners.',
  fields: (t) => ({
    priority: t.field({ type: PriorityRef, description: 'The priority’s record.', resolve: (p) => p.record }),
    title: t.exposeString('title', { description: 'What it is.' }),
    theme: t.exposeString('theme', { description: 'Its theme (as the records name it).' }),
    wentLiveOn: t.field({ type: 'Date', description: 'The day it went live: its startsOn, else the day it was recorded.', resolve: (p) => p.wentLiveOn }),
    board: t.field({ type: BoardRef, nullable: true, description: 'Its board.', resolve: (p) => p.board?.record ?? null }),
    boardName: t.string({ nullable: true, description: 'Its board’s name.', resolve: (p) => p.board?.name ?? null }),
    evidenceIndicatorIds: t.stringList({ description: 'The indicators it cites as evidence.', resolve: (p) => p.evidence }),
    countyWide: t.exposeBoolean('countyWide', { description: 'A county board’s: it addresses every locality.' }),
    localities: t.field({ type: [LocalityRef], description: 'The localities it addresses (its own; its service area’s; every one for a county board).', resolve: (p, _args, ctx) => placesOf(ctx, p.places) }),
    partners: t.field({ type: [PartnerRef], description: 'Partners on its board (current members and the chair’s partner), by name.', resolve: (p) => p.board?.partners ?? [] }),
  }),
});

const works = new WeakMap<Context, Promise<LiveWork>>();
const localityLists = new WeakMap<Context, Promise<LocalityRecord[]>>();

/** The request's localities with their approved plans (read once per request). */
export function localitiesOf(ctx: Context): Promise<LocalityRecord[]> {
  let localities = localityLists.get(ctx);
  if (!localities) {
    localities = loadLocalities(ctx.prisma, ctx.geography.versionId());
    localityLists.set(ctx, localities);
  }
  return localities;
}

/** The request's live priorities and localities (read once per request). */
export function liveWorkOf(ctx: Context): Promise<LiveWork> {
  let work = works.get(ctx);
  if (!work) {
    work = loadLiveWork(ctx.prisma, ctx.geography.versionId(), localitiesOf(ctx));
    works.set(ctx, work);
  }
  return work;
}

async function placesOf(ctx: Context, ids: readonly number[]) {
  const work = await liveWorkOf(ctx);
  return work.localities.filter((l) => ids.includes(l.id)).map((l) => l.record);
}

/** Every locality's latest profile, by code: one profile query (the request's loader). */
export async function latestProfiles(ctx: Context, work: Pick<LiveWork, 'localities'>): Promise<Map<string, ProfileRow[]>> {
  const versionId = ctx.geography.versionId();
  const rows = await Promise.all(
    work.localities.map((l) =>
      ctx.loaders.statistics.profile.load({ versionId, group: [], series: false, indicatorIds: null, theme: null, period: null, area: { kind: 'LOCALITY', code: l.code } }),
    ),
  );
  return new Map(work.localities.map((l, i) => [l.code, rows[i]!]));
}

/** A board named by global id, as places (null without one); NOT_FOUND for a board that does not exist. */
export async function boardFilter(ctx: Context, work: LiveWork, value: string | null | undefined, field = 'board') {
  const id = optionalId('Board', value, field);
  if (id === null) return null;
  const board = work.boards.get(id)?.record ?? (await ctx.prisma.board.findUnique({ where: { id } }));
  if (!board) throw new NotFoundError('Board', String(value));
  return board;
}

/** Locality ids of the codes asked for (null for every locality); NOT_FOUND for an unknown code. */
export function localityFilter(work: Pick<LiveWork, 'localities'>, codes: readonly string[] | null | undefined): Set<number> | null {
  if (!codes || codes.length === 0) return null;
  const unknown = codes.filter((code) => !work.localities.some((l) => l.code === code));
  if (unknown.length > 0) throw new NotFoundError('Locality', unknown.join(', '));
  return new Set(work.localities.filter((l) => codes.includes(l.code)).map((l) => l.id));
}

/** Both filters together (null: every locality). */
export function intersect(a: Set<number> | null, b: Set<number> | null): Set<number> | null {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((id) => b.has(id)));
}
