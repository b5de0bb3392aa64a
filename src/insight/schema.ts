/**
 * The insight questions in the graph, each one request with a fixed number of statements:
 * `evidenceGaps`, `priorityProgress`, `localityApproaches` (and `Locality.suggestedApproach`),
 * `joinedUp`, `issuesAgainstNeed`.
 */
import './gaps.schema.js';
import './progress.schema.js';
import './approach.schema.js';
import './joined-up.schema.js';
import './issues-need.schema.js';
