/** A meeting kind in words, as a calendar entry names it. */
const KINDS: Record<string, string> = {
  ORDINARY: 'Meeting',
  ANNUAL_CONVERSATION: 'Annual conversation',
  STAKEHOLDER_WORKSHOP: 'Stakeholder workshop',
  FORUM: 'Forum',
  EXTRAORDINARY: 'Extraordinary meeting',
};

export const meetingKindWords = (kind: string): string => KINDS[kind] ?? kind.toLowerCase().replaceAll('_', ' ');
