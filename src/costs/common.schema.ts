/**
 * What the cost types share: the area an answer is about.
 */
import { builder } from '../schema/builder.js';
import type { SpendAreaKind } from './ledger.js';

const CostAreaKindEnum = builder.enumType('CostAreaKind', {
  description: 'What kind of area a spend or cost-of-demand answer is about.',
  values: {
    LOCALITY: { description: 'One locality.' },
    TIER: { description: 'A tier of localities taken together.' },
    COUNTY: { description: 'The whole county.' },
  },
});

export const CostAreaRef = builder.objectRef<{ kind: SpendAreaKind; code: string; name: string }>('CostArea').implement({
  description: 'The area a spend or cost-of-demand answer is about.',
  fields: (t) => ({
    kind: t.field({ type: CostAreaKindEnum, description: 'Locality, tier or county.', resolve: (a) => a.kind }),
    code: t.exposeString('code', { description: 'Locality code, tier (CITY, MARKET_TOWN, RURAL) or COUNTY.' }),
    name: t.exposeString('name', { description: 'Name to show.' }),
  }),
});
