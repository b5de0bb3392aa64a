/**
 * What the cost types share: the area an answer is about.
 */
import { AreaKindEnum } from '../geography/types.js';
import { builder } from '../schema/builder.js';
import type { SpendAreaKind } from './ledger.js';

export const CostAreaRef = builder.objectRef<{ kind: SpendAreaKind; code: string; name: string }>('CostArea').implement({
  description: 'The area a spend or cost-of-demand answer is about.',
  fields: (t) => ({
    kind: t.field({ type: AreaKindEnum, description: 'Locality, group of localities or the whole area.', resolve: (a) => a.kind }),
    code: t.exposeString('code', { description: 'Locality code, group (grouping/group, e.g. tier/RURAL) or COUNTY.' }),
    name: t.exposeString('name', { description: 'Name to show.' }),
  }),
});
