/**
 * Issues, actions, outcomes and their analytics in the graph, each in its own `*.schema.ts`
 * beside the module holding its rules. Imported once by src/schema/index.ts.
 */
import './issues.schema.js';
import './actions.schema.js';
import './outcomes.schema.js';
import './analytics.schema.js';
