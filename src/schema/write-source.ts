// createSource: the document facts will cite. With its text, every quote citing it is checked against it.
import { createSource } from '../writes/records.js';
import { builder } from './builder.js';
import { SourceKindEnum } from './enums.js';
import { SourceRef } from './source.js';
import { performWrite, reasonArg, revisionsField, type Written } from './write-inputs.js';
import { writeErrors } from './write-errors.js';

const CreateSourceInput = builder.inputType('CreateSourceInput', {
  description: 'A new source, in the seed\'s notation.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Short stable key: lowercase ASCII words joined by hyphens ("crisis-group-2026-05").' }),
    title: t.string({ required: true, description: 'Title of the document.' }),
    publisher: t.string({ description: 'Who published it.' }),
    url: t.string({ description: 'Where it can be read.' }),
    kind: t.field({ type: SourceKindEnum, required: true, description: 'What kind of publisher.' }),
    published: t.string({ description: 'When, as precisely as the document says: "2026", "2026-05", "2026-05-14".' }),
    description: t.string({ description: 'What the document is and covers.' }),
    text: t.string({ description: 'The document\'s text (up to 1,000,000 characters): quotes citing it must be passages of it.' }),
    reason: t.string(reasonArg),
  }),
});

const CreateSourcePayload = builder.objectRef<Written>('CreateSourcePayload').implement({
  description: 'The source created.',
  fields: (t) => ({
    source: t.field({ type: SourceRef, description: 'The new source.', resolve: (w, _, ctx) => ctx.loaders.sourceLoader.load(w.id).then((s) => s!) }),
    revisions: revisionsField(t),
  }),
});

builder.mutationFields((t) => ({
  createSource: t.field({
    type: CreateSourcePayload,
    description: 'Adds a source facts can cite. Editors.',
    authScopes: { editor: true },
    errors: writeErrors('createSource'),
    args: { input: t.arg({ type: CreateSourceInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'createSource', reason, (tx) => createSource(tx, input)),
  }),
}));
