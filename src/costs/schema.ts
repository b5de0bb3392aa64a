/**
 * Place-based cost analysis in the graph: spend (spend.schema.ts), unit costs, deflators and the
 * cost of demand (demand.schema.ts), appraisal (appraisal.schema.ts) and business cases
 * (business-cases.schema.ts). Imported once by src/schema/index.ts.
 */
import './common.schema.js';
import './spend.schema.js';
import './demand.schema.js';
import './appraisal.schema.js';
import './business-cases.schema.js';
import './who-benefits.schema.js';
