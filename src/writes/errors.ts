// What a write can refuse, as classes the errors plugin turns into typed members of each mutation's
// result union (src/schema/write-errors.ts): a generated SDK sees every outcome as a type, not a string.
import type { Finding } from '../provenance/lint.js';

/** Every refusal has a stable code and the input field it concerns, when one does. */
export abstract class WriteRefusal extends Error {
  abstract readonly code: string;
  constructor(message: string, readonly field: string | null = null) {
    super(message);
  }
}

/** The provenance linter found the written records unsupported by their citations; nothing was written. */
export class ProvenanceRefusal extends WriteRefusal {
  readonly code: string;
  constructor(readonly findings: Finding[]) {
    const first = findings[0]!;
    super(`${first.record}.${first.field}: ${first.message}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}`, first.field);
    // The first finding's rule: QUOTE_NOT_IN_SOURCE, NUMBER_NOT_STATED, ...
    this.code = first.rule;
  }
}

/** An update named a revision that is no longer the record's: someone wrote it since it was read. */
export class ConflictRefusal extends WriteRefusal {
  readonly code = 'CONFLICT';
  constructor(readonly currentRevision: number, readonly expectedRevision: number) {
    super(`The record is at revision ${currentRevision}, not ${expectedRevision}: read it again, then write.`, 'revision');
  }
}

/** A global ID or slug of the input names no record (or a record of another type). */
export class NotFoundRefusal extends WriteRefusal {
  readonly code = 'NOT_FOUND';
}

/** The input is malformed: a date or number notation, a slug already taken, a fact without a citation. */
export class InvalidInputRefusal extends WriteRefusal {
  readonly code: string;
  constructor(message: string, field: string | null, code = 'BAD_USER_INPUT') {
    super(message, field);
    this.code = code;
  }
}
