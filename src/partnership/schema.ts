/**
 * The partnership records in the graph: partners, people and their locality roles, boards and
 * memberships, meetings, priorities, locality plans and consultations, each in its own
 * `*.schema.ts` beside the module holding its rules. Imported once by src/schema/index.ts.
 */
import './enums.js';
import './people.schema.js';
import './partners.schema.js';
import './role-kinds.schema.js';
import './roles.schema.js';
import './boards.schema.js';
import './meetings.schema.js';
import './priorities.schema.js';
import './plans.schema.js';
import './consultations.schema.js';
import './import.schema.js';
