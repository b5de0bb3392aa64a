/**
 * Intelligence items: what a partner learned about a place (from community engagement, customer
 * services, partner data, community leaders or a survey), about one or more localities or the
 * whole county, linked to the profile indicators it bears on, and shared at a level
 * (src/sharing/visibility.ts).
 *
 * Each change is one transaction with its audit event. An item the viewer cannot see is NOT_FOUND,
 * exactly as a missing one; one they can see but not edit is FORBIDDEN.
 */
import { z } from 'zod';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit.js';
import type { RecordsClient, Db, Tx } from '../db/records.js';
import { today } from '../days.js';
import { BadUserInputError, ForbiddenError } from '../errors.js';
import { localityIds } from '../geography/localities.js';
import { checkIndicators } from '../statistics/catalogue.js';
import { day, optionalText, text } from '../schema/input.js';
import { editableOrThrow, sharingInput, registerSnapshot } from '../sharing/change.js';
import { newShareable, SHARING_COLUMNS } from '../sharing/shareable.js';
import { authorPartnerOf, seesEverything, visibleById } from '../sharing/visibility.js';
import { searchTextOf } from '../sharing/search.js';
import { checkRevision, REVISE, type Target } from '../writes/boundary.js';
import { lockRecord } from '../db/locks.js';

export const SOURCES = ['COMMUNITY_ENGAGEMENT', 'CUSTOMER_SERVICES', 'PARTNER_DATA', 'COMMUNITY_LEADERS', 'SURVEY'] as const;

const codes = z.array(z.string().trim().min(1)).max(50, 'names at most 50 localities');
const indicatorIds = z.array(z.string().trim().min(1)).max(50, 'names at most 50 indicators');

export const createIntelligenceItemInput = z
  .object({
    title: text(200),
    body: text(20_000),
    source: z.enum(SOURCES),
    theme: text(100),
    observedOn: day,
    localityCodes: codes.default([]),
    countyWide: z.boolean().default(false),
    indicatorIds: indicatorIds.default([]),
    ...sharingInput,
  })
  .superRefine((input, ctx) => {
    if (input.countyWide && input.localityCodes.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['localityCodes'], message: 'must be empty for a county-wide item' });
    }
    if (!input.countyWide && input.localityCodes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['localityCodes'], message: 'name at least one locality, or set countyWide' });
    }
  });
export type CreateIntelligenceItem = z.output<typeof createIntelligenceItemInput>;

export const updateIntelligenceItemInput = z.object({
  title: text(200).optional(),
  body: text(20_000).optional(),
  source: z.enum(SOURCES).optional(),
  theme: text(100).optional(),
  observedOn: day.optional(),
  localityCodes: codes.optional(),
  countyWide: z.boolean().optional(),
  indicatorIds: indicatorIds.optional(),
  closedOn: day.nullish(),
});
export type UpdateIntelligenceItem = z.output<typeof updateIntelligenceItemInput>;

const SNAPSHOT = {
  id: true,
  revision: true,
  title: true,
  body: true,
  source: true,
  theme: true,
  observedOn: true,
  countyWide: true,
  closedOn: true,
  ...SHARING_COLUMNS,
  localities: { select: { code: true }, orderBy: { code: 'asc' } },
  indicators: { select: { indicatorId: true }, orderBy: { indicatorId: 'asc' } },
} as const;

async function snapshot(tx: Tx, id: number) {
  return tx.intelligenceItem.findUniqueOrThrow({ where: { id }, select: SNAPSHOT });
}
registerSnapshot('IntelligenceItem', snapshot);

export async function createIntelligenceItem(prisma: RecordsClient, viewer: Viewer, catalogue: ReadonlyMap<string, unknown>, input: CreateIntelligenceItem): Promise<number> {
  const authorPartnerId = authorPartnerOf(viewer);
  const indicators = checkIndicators(catalogue, input.indicatorIds, 'input.indicatorIds');
  return prisma.$transaction(async (tx) => {
    const localities = await localityIds(tx, input.localityCodes, 'input.localityCodes');
    const sharing = await newShareable(tx, viewer, authorPartnerId, input);
    const item = await tx.intelligenceItem.create({
      data: {
        title: input.title,
        body: input.body,
        source: input.source,
        theme: input.theme,
        observedOn: input.observedOn,
        countyWide: input.countyWide,
        searchText: searchTextOf(input.title, input.body, input.theme),
        ...sharing,
        localities: { connect: localities.map((id) => ({ id })) },
        indicators: { create: indicators.map((indicatorId) => ({ indicatorId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, viewer, { action: 'CREATE', entity: 'IntelligenceItem', entityId: item.id, after: await snapshot(tx, item.id) });
    return item.id;
  });
}

/**
 * The item for a change, locked and read in the write transaction: NOT_FOUND when hidden,
 * FORBIDDEN when not theirs to edit, CONFLICT (STALE_WRITE) on a stale revision.
 */
async function editable(tx: Tx, viewer: Viewer, target: Target) {
  const { id } = target;
  await lockRecord(tx, 'IntelligenceItem', id);
  const item = await tx.intelligenceItem.findFirst({ where: visibleById(viewer, id), select: SNAPSHOT });
  const editableItem = editableOrThrow(viewer, 'IntelligenceItem', id, item, (row) => row.localities.map((l) => l.code));
  checkRevision('IntelligenceItem', editableItem, target.expectedRevision);
  return editableItem;
}

/** The closed day: not in the future, and not before the observation. */
function checkItemDays(observedOn: Date, closedOn: Date | null, fields: { observedOn: string; closedOn: string }): void {
  const latest = today().getTime();
  if (closedOn && closedOn.getTime() > latest) throw new BadUserInputError(`${fields.closedOn}: must not be in the future`, { field: fields.closedOn });
  if (closedOn && closedOn.getTime() < observedOn.getTime()) {
    const field = fields.closedOn;
    throw new BadUserInputError(
      field === 'input.closedOn'
        ? `input.closedOn: must not be before the day it was observed (${observedOn.toISOString().slice(0, 10)})`
        : `input.observedOn: must not be after the day it was closed (${closedOn.toISOString().slice(0, 10)})`,
      { field },
    );
  }
}

export async function updateIntelligenceItem(
  prisma: RecordsClient,
  viewer: Viewer,
  catalogue: ReadonlyMap<string, unknown>,
  target: Target,
  input: UpdateIntelligenceItem,
): Promise<void> {
  const { id } = target;
  const indicators = input.indicatorIds === undefined ? undefined : checkIndicators(catalogue, input.indicatorIds, 'input.indicatorIds');
  await prisma.$transaction(async (tx) => {
    const before = await editable(tx, viewer, target);
    const countyWide = input.countyWide ?? before.countyWide;
    const codesAfter = input.localityCodes ?? (input.countyWide ? [] : before.localities.map((l) => l.code));
    if (countyWide && codesAfter.length > 0) {
      throw new BadUserInputError('input.localityCodes: must be empty for a county-wide item', { field: 'input.localityCodes' });
    }
    if (!countyWide && codesAfter.length === 0) {
      throw new BadUserInputError('input.localityCodes: name at least one locality, or set countyWide', { field: 'input.localityCodes' });
    }
    const closedOn = input.closedOn === undefined ? before.closedOn : input.closedOn;
    checkItemDays(input.observedOn ?? before.observedOn, closedOn, {
      observedOn: 'input.observedOn',
      closedOn: input.closedOn !== undefined && input.closedOn !== null ? 'input.closedOn' : 'input.observedOn',
    });
    const codesBefore = before.localities.map((l) => l.code).sort();
    if (
      input.localityCodes !== undefined &&
      [...new Set(codesAfter)].sort().join() !== codesBefore.join() &&
      !seesEverything(viewer) &&
      viewer.partnerId !== before.authorPartnerId
    ) {
      throw new ForbiddenError("Only the item's author's partner or an ADMIN may move it to other localities");
    }
    const localities = input.localityCodes === undefined && input.countyWide === undefined ? undefined : await localityIds(tx, codesAfter, 'input.localityCodes');
    const title = input.title ?? before.title;
    const body = input.body ?? before.body;
    const theme = input.theme ?? before.theme;
    await tx.intelligenceItem.update({
      where: { id },
      data: {
        title,
        body,
        theme,
        source: input.source,
        observedOn: input.observedOn,
        countyWide,
        closedOn: input.closedOn,
        searchText: searchTextOf(title, body, theme),
        ...REVISE,
        ...(localities === undefined ? {} : { localities: { set: localities.map((l) => ({ id: l })) } }),
        ...(indicators === undefined ? {} : { indicators: { deleteMany: {}, create: indicators.map((indicatorId) => ({ indicatorId })) } }),
      },
    });
    await recordAudit(tx, viewer, { action: 'UPDATE', entity: 'IntelligenceItem', entityId: id, before, after: await snapshot(tx, id) });
  });
}
