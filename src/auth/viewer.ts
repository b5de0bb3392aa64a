/**
 * Who is asking. Every request has a viewer: the anonymous viewer (public data only) unless the
 * request carries a valid bearer token (see src/auth/token.ts, issue 6), in which case the viewer
 * is a person of a partner with roles.
 *
 * Resolvers and the sharing rules read only this, never the raw token.
 */
export const ROLES = ['READER', 'CONTRIBUTOR', 'LOCALITY_LEAD', 'ANALYST', 'ADMIN', 'DATA_PROTECTION_OFFICER'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  /** True for a request without a token. */
  readonly anonymous: boolean;
  /** The person's id in the record store (Person.id), when the token names one. */
  readonly personId: number | null;
  /** The person's partner (Partner.id): the organisation whose data-sharing agreements apply. */
  readonly partnerId: number | null;
  readonly roles: ReadonlySet<Role>;
  /** Locality codes a LOCALITY_LEAD leads (empty otherwise). */
  readonly localityCodes: ReadonlySet<string>;
  /** The token's subject, for the log and the audit trail. */
  readonly subject: string | null;
}

export const ANONYMOUS: Viewer = Object.freeze({
  anonymous: true,
  personId: null,
  partnerId: null,
  roles: new Set<Role>(),
  localityCodes: new Set<string>(),
  subject: null,
});
