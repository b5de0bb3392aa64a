/**
 * Pooled and devolved funds in the graph: funds and contributions, commissions and their reports,
 * participatory-budgeting rounds and proposals, each in its own `*.schema.ts` beside the module
 * holding its rules. Imported once by src/schema/index.ts.
 */
import './funds.schema.js';
import './commissions.schema.js';
import './participatory.schema.js';
