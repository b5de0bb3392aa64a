/**
 * Relay global ids in tests, made and read by the relay plugin's own functions (as the server's
 * are): `globalId('Partner', 3)` for a record's id in a request, `recordId(id)` for the record-store
 * id of one an answer gave.
 */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';

export const globalId = (type: string, id: number | string): string => encodeGlobalID(type, id);

export const recordId = (id: string): number => Number(decodeGlobalID(id).id);
