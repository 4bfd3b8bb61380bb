// Global IDs of facts: what `retract` takes, and what a revision's `recordId` names. Entities and sources
// are nodes with IDs of their own; a fact's ID has the same form (its table and row), so a client can match
// the change feed to what it holds.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ObjectRef } from '@pothos/core';
import { builder } from './builder.js';
import {
  AliasRef, AreaRef, AssessmentRef, ExternalIdentifierRef, FundingLinkRef, MembershipRef, ParticipantRef, PartyRef, PerpetratorRef, RelationRef,
} from './refs.js';
import { CitationRef } from './source.js';
import { MergeCandidateRef } from './merge-candidate.js';

function factId<T extends { id: string }>(ref: ObjectRef<typeof builder.$inferSchemaTypes, T>, table: string) {
  builder.objectFields(ref, (t) => ({
    id: t.id({
      description: `Opaque global ID of this ${table} record: the \`recordId\` of its revisions, and what \`retract\` takes.`,
      resolve: (row) => encodeGlobalID(table, row.id),
    }),
  }));
}

factId(AliasRef, 'Alias');
factId(AreaRef, 'OrganizationArea');
factId(RelationRef, 'OrganizationRelation');
factId(MembershipRef, 'Membership');
// One row, shown as a perpetrator or as any party: one ID.
factId(PerpetratorRef, 'IncidentPerpetrator');
factId(PartyRef, 'IncidentPerpetrator');
factId(ParticipantRef, 'IncidentParticipant');
factId(FundingLinkRef, 'FundingStreamIncident');
factId(ExternalIdentifierRef, 'ExternalIdentifier');
factId(AssessmentRef, 'Assessment');
factId(CitationRef, 'Citation');
factId(MergeCandidateRef, 'MergeCandidate');
