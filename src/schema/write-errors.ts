// The typed refusals of writes: every mutation's result is a union of its payload and these, so a client
// (and a generated SDK) handles each outcome as a type with a stable `code`.
import { ConflictRefusal, InvalidInputRefusal, NotFoundRefusal, ProvenanceRefusal, WriteRefusal } from '../writes/errors.js';
import type { Finding } from '../provenance/lint.js';
import { builder } from './builder.js';

export const WriteErrorRef = builder.interfaceRef<WriteRefusal>('WriteError').implement({
  description: 'Why a write was refused. Nothing of the write was stored.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable: CONFLICT, NOT_FOUND, BAD_USER_INPUT, SLUG_TAKEN, or a provenance rule (QUOTE_NOT_IN_SOURCE, NUMBER_NOT_STATED, ...).' }),
    message: t.exposeString('message', { description: 'What is wrong, for a person.' }),
    field: t.exposeString('field', { nullable: true, description: 'The input field concerned, when one is.' }),
  }),
});

const FindingRef = builder.objectRef<Finding>('ProvenanceFinding').implement({
  description: 'One problem the provenance linter found in the records a write would have stored.',
  fields: (t) => ({
    rule: t.exposeString('rule', { description: 'The rule: QUOTE_NOT_IN_SOURCE, NUMBER_NOT_STATED, DATE_TOO_PRECISE, UNCITED, ...' }),
    record: t.exposeString('record', { description: 'The record, as "Organization[slug]" or "Citation[id]".' }),
    field: t.exposeString('field', { description: 'The record\'s field the rule concerns.' }),
    message: t.exposeString('message', { description: 'What is not stated, for a person.' }),
  }),
});

builder.objectType(ProvenanceRefusal, {
  name: 'ProvenanceRefusal',
  description: 'The cited passages do not state what the write says (the rules of `npm run data:lint`): `code` is the first finding\'s rule.',
  interfaces: [WriteErrorRef],
  fields: (t) => ({
    findings: t.field({ type: [FindingRef], description: 'Every finding.', resolve: (e) => e.findings }),
  }),
});

builder.objectType(ConflictRefusal, {
  name: 'ConflictRefusal',
  description: 'The record changed since it was read: `code` CONFLICT. Read it again (its `revision`), then write.',
  interfaces: [WriteErrorRef],
  fields: (t) => ({
    currentRevision: t.exposeInt('currentRevision', { description: 'The record\'s revision now.' }),
    expectedRevision: t.exposeInt('expectedRevision', { description: 'The revision the write named.' }),
  }),
});

builder.objectType(NotFoundRefusal, {
  name: 'NotFoundRefusal',
  description: 'A global ID or slug of the input names no record of its type: `code` NOT_FOUND.',
  interfaces: [WriteErrorRef],
});

builder.objectType(InvalidInputRefusal, {
  name: 'InvalidInputRefusal',
  description: 'The input is malformed (a date or number notation, a fact without a citation) or clashes (`code` SLUG_TAKEN).',
  interfaces: [WriteErrorRef],
});

/** The refusals every write may return. */
export const WRITE_ERRORS = [ProvenanceRefusal, ConflictRefusal, NotFoundRefusal, InvalidInputRefusal];

/** The `errors` option of a write: its refusals, and its result union described. */
export const writeErrors = (what: string) => ({
  types: WRITE_ERRORS,
  union: { description: `What ${what} gave: its payload, or a refusal (WriteError) saying why nothing was written.` },
});
