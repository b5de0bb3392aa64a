/**
 * The partnership's pure functions, directly: grouping live priorities that share a theme or an
 * indicator, where a consultation stands on a day, and the dates a contact list may hold.
 */
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/partnership/contact-rows.js';
import { consultationState } from '../../src/partnership/consultations.js';
import { groupShared } from '../../src/partnership/priorities.js';

const priority = (boardId: number, localityId: number | null, theme: string, ...indicators: string[]) => ({
  boardId,
  localityId,
  theme,
  evidence: indicators.map((indicatorId) => ({ indicatorId })),
});

describe('groupShared', () => {
  const live = [
    priority(1, 10, 'Housing', 'fuel-poverty'),
    priority(2, 20, ' housing ', 'fuel-poverty', 'crime-rate'),
    priority(2, 20, 'Housing'),
    priority(3, null, 'Community safety', 'crime-rate'),
    priority(4, 30, 'Economy'),
  ];

  it('groups by theme ignoring case and spaces, keeping groups that span two boards', () => {
    const groups = groupShared(live, 'THEME');
    expect(groups.map((g) => [g.key, g.boardIds, g.localityIds, g.priorities.length])).toEqual([['housing', [1, 2], [10, 20], 3]]);
  });

  it('groups by evidence indicator, most widely shared first, and honours minBoards', () => {
    expect(groupShared(live, 'INDICATOR').map((g) => [g.key, g.boardIds, g.localityIds])).toEqual([
      ['crime-rate', [2, 3], [20]],
      ['fuel-poverty', [1, 2], [10, 20]],
    ]);
    expect(groupShared(live, 'INDICATOR', 3)).toEqual([]);
  });
});

describe('consultationState', () => {
  const day = (text: string) => new Date(`${text}T00:00:00Z`);
  const c = { opensOn: day('2026-02-01'), deadline: day('2026-03-01'), closedOn: null };

  it('is UPCOMING before it opens, OPEN to the deadline inclusive, then OVERDUE until closed', () => {
    expect(consultationState(c, day('2026-01-31'))).toBe('UPCOMING');
    expect(consultationState(c, day('2026-02-01'))).toBe('OPEN');
    expect(consultationState(c, day('2026-03-01'))).toBe('OPEN');
    expect(consultationState(c, day('2026-03-02'))).toBe('OVERDUE');
    expect(consultationState({ ...c, closedOn: day('2026-03-10') }, day('2026-03-09'))).toBe('OVERDUE');
    expect(consultationState({ ...c, closedOn: day('2026-03-10') }, day('2026-03-10'))).toBe('CLOSED');
  });
});

describe('parseDay', () => {
  it('reads ISO and British dates and refuses impossible ones', () => {
    expect(parseDay('2024-04-01')?.toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(parseDay('1/4/2024')?.toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(parseDay('31/02/2024')).toBeNull();
    expect(parseDay('2024-13-01')).toBeNull();
    expect(parseDay('April 2024')).toBeNull();
  });
});
