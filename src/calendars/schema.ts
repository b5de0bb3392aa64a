/** Calendar feeds in the graph (calendars.schema.ts). Imported once by src/schema/index.ts. */
import './calendars.schema.js';
