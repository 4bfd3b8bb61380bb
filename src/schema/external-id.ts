import { IdentifierSchemeEnum } from './enums.js';
import { AssessmentRef, ExternalIdentifierRef } from './refs.js';
import { citationsField } from './source.js';

ExternalIdentifierRef.implement({
  description: 'The identifier of this entity in another dataset, so imports can find what is already held.',
  fields: (t) => ({
    scheme: t.expose('scheme', { type: IdentifierSchemeEnum, description: 'The dataset.' }),
    value: t.exposeString('value', { description: 'The identifier in that dataset ("QDe.159").' }),
    citations: t.field(citationsField('externalIdentifierId')),
  }),
});

AssessmentRef.implement({
  description: 'An analytical judgement about an organization or person that is not a single structured fact.',
  fields: (t) => ({
    topic: t.exposeString('topic', { description: 'Short lowercase topic: structure, strategy, recruitment, threat, ...' }),
    statement: t.exposeString('statement', { description: 'The judgement, summarised; the citations hold the source’s words.' }),
    citations: t.field(citationsField('assessmentId')),
  }),
});
