// Imports every type module (each registers its types and root fields) and builds the schema.
import { guardArguments } from './argument-guard.js';
import { builder } from './builder.js';
import './enums.js';
import './dates.js';
import './source.js';
import './alias.js';
import './external-id.js';
import './organization.js';
import './person.js';
import './incident.js';
import './funding.js';
import './designation.js';
import './timeline.js';
import './stats.js';
import './search.js';
import './merge-candidate.js';
import './mention.js';
import './attribute.js';
import './viewer.js';
import './revision.js';
import './write-errors.js';
import './write-source.js';
import './write-organization.js';
import './write-person.js';
import './write-incident.js';
import './subscription.js';

export const schema = guardArguments(builder.toSchema({ sortSchema: true }));
