// Object references declared once, so type modules can point at each other without import cycles.
import type {
  Alias, Assessment, Designation, Estimate, ExternalIdentifier, FundingStream, FundingStreamIncident, Incident,
  IncidentParticipant, IncidentPerpetrator, Membership, OrganizationArea, OrganizationRelation,
} from '../generated/prisma/client.js';
import type { OrganizationRow, PersonRow } from '../resolvers/lean-rows.js';
import type { TimelineEvent } from '../resolvers/timeline.js';
import { builder } from './builder.js';

export const OrganizationRef = builder.objectRef<OrganizationRow>('Organization');
export const PersonRef = builder.objectRef<PersonRow>('Person');
export const IncidentRef = builder.objectRef<Incident>('Incident');
export const FundingStreamRef = builder.objectRef<FundingStream>('FundingStream');
export const DesignationRef = builder.objectRef<Designation>('Designation');
export const EstimateRef = builder.objectRef<Estimate>('Estimate');
export const AliasRef = builder.objectRef<Alias>('Alias');
export const RelationRef = builder.objectRef<OrganizationRelation>('OrganizationRelation');
export const AreaRef = builder.objectRef<OrganizationArea>('OrganizationArea');
export const MembershipRef = builder.objectRef<Membership>('Membership');
export const PerpetratorRef = builder.objectRef<IncidentPerpetrator>('IncidentPerpetrator');
export const PartyRef = builder.objectRef<IncidentPerpetrator>('IncidentParty');
export const ParticipantRef = builder.objectRef<IncidentParticipant>('IncidentParticipant');
export const FundingLinkRef = builder.objectRef<FundingStreamIncident>('FundingStreamIncident');
export const ExternalIdentifierRef = builder.objectRef<ExternalIdentifier>('ExternalIdentifier');
export const AssessmentRef = builder.objectRef<Assessment>('Assessment');
export const TimelineEventRef = builder.objectRef<TimelineEvent>('TimelineEvent');
