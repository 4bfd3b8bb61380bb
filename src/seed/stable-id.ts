import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from a record's natural key, so that loading the seed again
 * updates the same rows and their global IDs stay stable for clients across machines.
 */
export function stableId(...keyParts: (string | number | null | undefined)[]): string {
  const hash = createHash('sha1').update(JSON.stringify(keyParts)).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
