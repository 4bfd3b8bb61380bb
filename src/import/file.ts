// An import file read whole, or refused whole: bytes that are not text in the file's encoding are
// reported with the byte and line where they start, before anything is parsed or written.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** A file that cannot be read as a whole; the message names the file, the place and the problem. */
export class ImportFileError extends Error {}

export interface ImportFile {
  path: string;
  name: string;
  text: string;
  /** SHA-256 of the bytes, hex: the same file imported twice is recognised by it. */
  sha256: string;
}

/** The line (1-based) holding byte `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Reads a file as UTF-8 (refusing invalid bytes) or Latin-1. */
export function readImportFile(path: string, encoding: 'utf-8' | 'latin1' = 'utf-8'): ImportFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ImportFileError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  if (encoding === 'latin1') {
    text = bytes.toString('latin1');
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const offset = firstInvalidUtf8(bytes);
      const shown = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
      throw new ImportFileError(
        `${path}: not valid UTF-8 at byte ${offset} (line ${lineAt(bytes, offset)}: ${shown}); the file is refused whole, nothing was written.`,
      );
    }
  }
  return { path, name: basename(path), text: text.replace(/^\uFEFF/, ''), sha256 };
}
