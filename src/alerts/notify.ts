/**
 * Turning changes for the worse (watch.ts) into records, in one record-store transaction:
 * - one AlertEvent per change (priority, indicator, kind), with the figure before and after;
 * - one Alert per owner of the priority: the chair of its board, the people holding CHAIR or
 *   VICE_CHAIR memberships of it today, and the holders of the roles that lead its locality today
 *   (kinds flagged `leadsLocality`, e.g. a senior manager lead; each
 *   person once, however many of these they are);
 * - one WebhookDelivery per active subscription of each partner concerned: the owners' partners
 *   and the partners sitting on the board as organisations (each subscription once).
 * The deliveries are sent after the transaction commits (webhooks.ts), so a receiver never hears
 * of an alert the records do not hold. A fixed number of statements whatever the number of
 * priorities: the owners and subscriptions are read for all the changed priorities at once.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { RecordsClient } from '../db/records.js';
import { heldOn } from '../days.js';
import type { Figure, Worsening } from './watch.js';

export interface RaisedAlerts {
  events: number;
  alerts: number;
  deliveryIds: number[];
}

const figureJson = (figure: Figure | null) =>
  JSON.stringify(figure && { period: figure.period, value: figure.value, comparison: figure.comparison, trend: figure.trend });

export async function raiseAlerts(prisma: RecordsClient, changes: readonly Worsening[], now = new Date()): Promise<RaisedAlerts> {
  if (changes.length === 0) return { events: 0, alerts: 0, deliveryIds: [] };
  const priorityIds = [...new Set(changes.map((c) => c.priorityId))];
  return prisma.$transaction(async (tx) => {
    const priorities = await tx.priority.findMany({
      where: { id: { in: priorityIds } },
      select: {
        id: true,
        title: true,
        board: {
          select: {
            id: true,
            name: true,
            chair: { select: { id: true, partnerId: true } },
            members: {
              where: { ...heldOn(now), OR: [{ personId: null }, { role: { in: ['CHAIR', 'VICE_CHAIR'] } }] },
              select: { personId: true, partnerId: true, person: { select: { partnerId: true } } },
            },
          },
        },
        locality: {
          select: {
            code: true,
            localityRoles: { where: { kind: { leadsLocality: true }, ...heldOn(now) }, select: { personId: true, partnerId: true, person: { select: { partnerId: true } } } },
          },
        },
      },
    });
    const owners = new Map<number, Set<number>>();
    const partners = new Map<number, Set<number>>();
    for (const p of priorities) {
      const people = new Set<number>();
      const orgs = new Set<number>();
      const addPerson = (id: number | null | undefined, partnerId: number | null | undefined) => {
        if (id) people.add(id);
        if (partnerId) orgs.add(partnerId);
      };
      if (p.board?.chair) addPerson(p.board.chair.id, p.board.chair.partnerId);
      for (const m of p.board?.members ?? []) {
        if (m.personId) addPerson(m.personId, m.partnerId ?? m.person?.partnerId);
        else if (m.partnerId) orgs.add(m.partnerId);
      }
      for (const role of p.locality?.localityRoles ?? []) addPerson(role.personId, role.partnerId ?? role.person.partnerId);
      owners.set(p.id, people);
      partners.set(p.id, orgs);
    }
    const allPartners = [...new Set([...partners.values()].flatMap((set) => [...set]))];
    const subscriptions = allPartners.length
      ? await tx.webhookSubscription.findMany({ where: { active: true, partnerId: { in: allPartners } }, select: { id: true, partnerId: true } })
      : [];
    const titles = new Map(priorities.map((p) => [p.id, { title: p.title, board: p.board?.name ?? null }]));

    let alerts = 0;
    const deliveryIds: number[] = [];
    for (const change of changes) {
      const event = await tx.alertEvent.create({
        data: {
          kind: change.kind,
          priorityId: change.priorityId,
          indicatorId: change.indicatorId,
          indicatorName: change.after.indicatorName,
          areaCode: change.after.areaCode,
          areaName: change.after.areaName,
          period: change.after.period,
          before: figureJson(change.before),
          after: figureJson(change.after),
        },
      });
      const people = [...(owners.get(change.priorityId) ?? [])].sort((a, b) => a - b);
      if (people.length > 0) await tx.alert.createMany({ data: people.map((personId) => ({ eventId: event.id, personId })) });
      alerts += people.length;
      const concerned = partners.get(change.priorityId) ?? new Set<number>();
      const body = JSON.stringify({
        event: 'priority.evidence.worsened',
        alertEventId: event.id,
        kind: change.kind,
        createdAt: event.createdAt.toISOString(),
        priority: { id: encodeGlobalID('Priority', change.priorityId), ...titles.get(change.priorityId) },
        indicator: { id: change.indicatorId, name: change.after.indicatorName },
        area: { code: change.after.areaCode, name: change.after.areaName },
        before: JSON.parse(figureJson(change.before)),
        after: JSON.parse(figureJson(change.after)),
      });
      for (const subscription of subscriptions) {
        if (!concerned.has(subscription.partnerId)) continue;
        const delivery = await tx.webhookDelivery.create({ data: { subscriptionId: subscription.id, eventId: event.id, body }, select: { id: true } });
        deliveryIds.push(delivery.id);
      }
    }
    return { events: changes.length, alerts, deliveryIds };
  });
}
