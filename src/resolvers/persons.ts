import type { Prisma } from '../generated/prisma/client.js';
import type { DesignationAuthority, MembershipRole, PersonStatus } from '../generated/prisma/enums.js';
import { nameOrAliasContains } from './filters.js';

export interface PersonFilter {
  status?: PersonStatus[] | null;
  organization?: string | null;
  role?: MembershipRole[] | null;
  nationality?: string | null;
  designatedBy?: DesignationAuthority[] | null;
  nameContains?: string | null;
}

export function personWhere(filter: PersonFilter | null | undefined): Prisma.PersonWhereInput {
  if (!filter) return {};
  const and: Prisma.PersonWhereInput[] = [];
  if (filter.status) and.push({ status: { in: filter.status } });
  if (filter.nationality) {
    // A person of two stated nationalities has neither as `nationality`; either one matches.
    const code = filter.nationality.toUpperCase();
    and.push({ OR: [{ nationality: code }, { attributes: { some: { kind: 'NATIONALITY', countryCode: code } } }] });
  }
  if (filter.organization || filter.role) {
    and.push({
      memberships: {
        some: {
          ...(filter.organization ? { organization: { slug: filter.organization } } : {}),
          ...(filter.role ? { role: { in: filter.role } } : {}),
        },
      },
    });
  }
  if (filter.designatedBy) and.push({ designations: { some: { authority: { in: filter.designatedBy } } } });
  if (filter.nameContains) and.push(nameOrAliasContains(filter.nameContains, 'filter.nameContains'));
  return { AND: and };
}
