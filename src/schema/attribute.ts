// Details a source may state several times side by side (two dates of birth, two nationalities,
// several addresses): each listed with its passage, none chosen over the others.
import type { Context } from '../context.js';
import type { Attribute } from '../generated/prisma/client.js';
import type { AttributeKind } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { readDateColumns } from '../values/partial-date.js';
import { PartialDateRef } from './dates.js';
import { OrganizationRef, PersonRef } from './refs.js';
import { citationsField } from './source.js';

const StatedDateRef = builder.objectRef<Attribute>('StatedDate').implement({
  description: 'A date as one source states it; a person may have several, given as alternatives.',
  fields: (t) => ({
    // The table's CHECK holds a date on every DATE_OF_BIRTH row.
    date: t.field({ type: PartialDateRef, description: 'The date, as precisely as stated.', resolve: (a) => readDateColumns(a, 'date')! }),
    citations: t.field(citationsField('attributeId')),
  }),
});

const StatedNationalityRef = builder.objectRef<Attribute>('StatedNationality').implement({
  description: 'A nationality as one source states it; a person may have several.',
  fields: (t) => ({
    country: t.string({ description: 'The country as the source writes it ("Mali").', resolve: (a) => a.country! }),
    countryCode: t.exposeString('countryCode', { nullable: true, description: 'ISO 3166-1 alpha-2, when the country is one.' }),
    citations: t.field(citationsField('attributeId')),
  }),
});

const StatedPlaceRef = builder.objectRef<Attribute>('StatedPlace').implement({
  description: 'A place as one source states it (an address, a place of birth): only the parts the source gives.',
  fields: (t) => ({
    country: t.exposeString('country', { nullable: true, description: 'The country as the source writes it.' }),
    countryCode: t.exposeString('countryCode', { nullable: true, description: 'ISO 3166-1 alpha-2, when the country is one.' }),
    region: t.exposeString('region', { nullable: true, description: 'State, province or region.' }),
    city: t.exposeString('city', { nullable: true, description: 'City, town or village.' }),
    street: t.exposeString('street', { nullable: true, description: 'Street address.' }),
    note: t.exposeString('note', { nullable: true, description: 'The source’s note on the place ("Location as of April 2016").' }),
    citations: t.field(citationsField('attributeId')),
  }),
});

const ofKind = (kind: AttributeKind) => async (row: { id: string }, _args: object, ctx: Context) =>
  (await ctx.loaders.attributesByEntityLoader.load(row.id)).filter((a) => a.kind === kind);

builder.objectFields(PersonRef, (t) => ({
  datesOfBirth: t.field({
    type: [StatedDateRef],
    description: 'Every date of birth the sources state, side by side (the UN list gives some persons two or more). `born` holds one only when one is stated.',
    resolve: ofKind('DATE_OF_BIRTH'),
  }),
  placesOfBirth: t.field({ type: [StatedPlaceRef], description: 'Every place of birth the sources state.', resolve: ofKind('PLACE_OF_BIRTH') }),
  nationalities: t.field({
    type: [StatedNationalityRef],
    description: 'Every nationality the sources state, side by side. `nationality` holds one only when one is stated.',
    resolve: ofKind('NATIONALITY'),
  }),
  addresses: t.field({ type: [StatedPlaceRef], description: 'Addresses and locations the sources give.', resolve: ofKind('ADDRESS') }),
}));

builder.objectField(OrganizationRef, 'addresses', (t) =>
  t.field({ type: [StatedPlaceRef], description: 'Addresses and locations the sources give.', resolve: ofKind('ADDRESS') }),
);
