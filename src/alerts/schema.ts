/**
 * Alerts in the graph (alerts.schema.ts): the viewer's alerts, marking them read, and partners'
 * webhook subscriptions with their delivery log. Imported once by src/schema/index.ts.
 */
import './alerts.schema.js';
