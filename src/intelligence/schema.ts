/**
 * Intelligence items and the community asset register in the graph, each in its own `*.schema.ts`
 * beside the module holding its rules. Imported once by src/schema/index.ts.
 */
import './items.schema.js';
import './assets.schema.js';
import './summary.schema.js';
