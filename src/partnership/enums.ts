/**
 * The partnership's GraphQL enums, each value described (the schema is the analysts'
 * documentation). Values are the Prisma enums' own, so they pass through unchanged.
 */
import { builder } from '../schema/builder.js';

export const PartnerKindEnum = builder.enumType('PartnerKind', {
  description: 'What kind of organisation a partner is.',
  values: {
    COUNCIL: { description: 'A county, unitary or district council (e.g. Herefordshire Public Services).' },
    POLICE: { description: 'A police force.' },
    HEALTH_TRUST: { description: 'An NHS trust (hospital, community or mental health services).' },
    CLINICAL_COMMISSIONING: { description: 'A clinical commissioning group or other NHS commissioner.' },
    FIRE: { description: 'A fire and rescue service.' },
    PARISH_COUNCIL: { description: 'A parish or town council.' },
    VOLUNTARY_SECTOR: { description: 'A voluntary and community sector organisation.' },
    HOUSING: { description: 'A housing association or housing provider.' },
    SCHOOLS: { description: 'A school, college or cluster of schools.' },
    PROBATION: { description: 'The probation service.' },
    BUSINESS: { description: 'A business or business association.' },
    OTHER: { description: 'Any other organisation.' },
  } as const,
});

export const BoardKindEnum = builder.enumType('BoardKind', {
  description: 'The kinds of board in the governance pathway.',
  values: {
    LOCALITY_BOARD: { description: 'A locality board or partnership.' },
    LOCALITY_FORUM: { description: 'A locality forum open to the whole network.' },
    LOCALITY_EXECUTIVE: { description: 'A locality executive group.' },
    TASK_AND_FINISH_GROUP: { description: 'A group set up for one piece of work, ended when it is done.' },
    WARD_ASSEMBLY: { description: 'A ward assembly.' },
    THEME_BOARD: { description: 'A county board for one theme (e.g. community safety).' },
    SPECIALIST_GROUP: { description: 'A specialist group.' },
    HEALTH_AND_WELLBEING_BOARD: { description: 'The health and well-being board.' },
    EXECUTIVE_GROUP: { description: 'A county executive group.' },
  } as const,
});

export const BoardScopeEnum = builder.enumType('BoardScope', {
  description: 'What a board covers.',
  values: {
    LOCALITY: { description: 'One locality.' },
    SERVICE_AREA: { description: "One partner's service area." },
    COUNTY: { description: 'The whole county.' },
  } as const,
});

export const MeetingFrequencyEnum = builder.enumType('MeetingFrequency', {
  description: 'How often a board meets.',
  values: {
    WEEKLY: { description: 'Every week.' },
    MONTHLY: { description: 'Every month.' },
    BIMONTHLY: { description: 'Every two months.' },
    QUARTERLY: { description: 'Every three months.' },
    TWICE_YEARLY: { description: 'Twice a year.' },
    ANNUALLY: { description: 'Once a year.' },
    AS_NEEDED: { description: 'When there is business.' },
  } as const,
});

export const MembershipRoleEnum = builder.enumType('MembershipRole', {
  description: "A member's part on a board.",
  values: {
    CHAIR: { description: 'Chairs the board.' },
    VICE_CHAIR: { description: 'Chairs in the chair’s absence.' },
    MEMBER: { description: 'A full member.' },
    OBSERVER: { description: 'Attends without a vote.' },
  } as const,
});

export const MeetingKindEnum = builder.enumType('MeetingKind', {
  description: 'Kinds of meeting.',
  values: {
    ORDINARY: { description: 'A scheduled meeting of the board.' },
    ANNUAL_CONVERSATION: {
      description: 'The annual conversation to which the whole locality network is invited (at least one per locality a year).',
    },
    STAKEHOLDER_WORKSHOP: { description: 'A workshop with stakeholders.' },
    FORUM: { description: 'An open forum meeting.' },
    EXTRAORDINARY: { description: 'A meeting called outside the schedule.' },
  } as const,
});

export const PriorityStatusEnum = builder.enumType('PriorityStatus', {
  description: 'Where a priority stands. A board holds three to five LIVE priorities.',
  values: {
    DRAFT: { description: 'Proposed, not yet adopted.' },
    LIVE: { description: 'Adopted and being worked on.' },
    ACHIEVED: { description: 'Done.' },
    DROPPED: { description: 'No longer pursued.' },
  } as const,
});

export const PlanApproachEnum = builder.enumType('PlanApproach', {
  description: 'How much partnership working a locality plan calls for.',
  values: {
    CORE: { description: 'Core offer: the standard locality arrangements.' },
    CO_ORDINATED: { description: 'Co-ordinated: partners align their work on shared priorities.' },
    MANAGED: { description: 'Managed: partners jointly manage services in the locality.' },
  } as const,
});

export const PlanStatusEnum = builder.enumType('PlanStatus', {
  description: 'Where a locality plan version stands.',
  values: {
    DRAFT: { description: 'Being written.' },
    CONSULTED: { description: 'Consulted on, awaiting approval.' },
    APPROVED: { description: 'The plan in force (one per locality).' },
    SUPERSEDED: { description: 'Replaced by a later approved version; kept for the record.' },
  } as const,
});

export const ConsultationAudienceEnum = builder.enumType('ConsultationAudience', {
  description: 'Who a consultation is for.',
  values: {
    PARISH_COUNCILS: { description: 'Parish and town councils.' },
    RESIDENTS: { description: 'Residents.' },
    PARTNERS: { description: 'Partner organisations.' },
    LOCALITY_NETWORK: { description: 'The whole locality network.' },
    BUSINESSES: { description: 'Local businesses.' },
  } as const,
});

export const ConsultationStateEnum = builder.enumType('ConsultationState', {
  description: 'Where a consultation stands on a given day.',
  values: {
    UPCOMING: { description: 'Not yet open.' },
    OPEN: { description: 'Open: the deadline has not passed.' },
    OVERDUE: { description: 'The deadline has passed and it has not been closed.' },
    CLOSED: { description: 'Closed, its responses considered.' },
  } as const,
});
