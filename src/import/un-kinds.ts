// What sort of organization a UN sanctions list entity is. The list does not say: it gives the regime an
// entry is listed under (UN_LIST_TYPE) and its name. A bank of the DPRK regime is no armed group, and an
// Al-Qaida regime foundation is a charity, so the kind is read from both, by the rule below, and stored as
// inferred with that rule; an entry no part of the rule classifies stays UNKNOWN.
import type { OrganizationKind } from '../generated/prisma/enums.js';

/** Regimes whose entities are armed groups unless their names say otherwise (Al-Qaida, Taliban, Al-Shabaab, militias). */
const ARMED_REGIMES = new Set(['Al-Qaida', 'Taliban', 'Somalia', 'DRC', 'CAR', 'SouthSudan', 'Sudan', 'Yemen', 'Mali', 'GB']);
/** Regimes of states' programmes: their entities are firms, banks, agencies and forces of a state, never armed groups. */
const STATE_REGIMES = new Set(['DPRK', 'Iran', 'Iraq', 'Libya']);

const CHARITY = /FOUNDATION|CHARIT|\bTRUST\b|RELIEF|SOCIETY|HUMANITARIAN|HARAMA[IY]N|SUPPORT COMMITTEE|\(NGO\)|HERITAGE|TA'AWUN|HILAL AHMAR|TAIBAH|TAMEER|KHIDAMAT/;
const COMPANY = new RegExp(
  '\\b(COMPAN(Y|IES)|COMPAGNIE|CORPORATION|CORP|CO|LTD|LIMITED|BANK(ING)?|TRADING|TRADE|ENTERPRISE|INDUSTR(Y|IES|IAL)|SHIPPING|INC|S\\.A|LLC|PTE|JV|JOINT VENTURE|EXCHANGE|HAWALA|' +
    'AIRLINES?|AIR|AVIATION|AERONAUTICS|ENGINEER(S|ING)?|MANUFACTURING|MACHINERY|METALLURGY|ELECTRONICS|ELECTRIC|TECHNOLOGY|TECHNIQUE|PUBLISHING|FINANCE|FINANCIAL|' +
    'INVESTMENT|PORTFOLIO|IMPEX|MAINTENANCE|ADVERTISING|ANSTALT|MANAGEMENT|MARITIME|MARINE|FREIGHT|CEMENT|STEEL|OIL|PETROLEUM|CONSTRUCTION|ENERGY|' +
    'CHEMICAL|DIAMANT|DIAMOND|INSURANCE|MILLS|BAKERIES|FACTORY|FACTORIES|SUPPLIES|SERVICES|EQUIPMENT)\\b',
);
const STATE_FORCE = /\b(ARMED FORCES|ROCKET FORCE|PEOPLE’S ARMY|PEOPLE'S ARMY|REVOLUTIONARY GUARD|GUARD CORPS|NAVY|AIR FORCE)\b/;
const STATE_BODY = /\b(MINISTRY|COMMITTEE|COMMISSION|AUTHORITY|DIRECTORATE|ACADEMY|UNIVERSITY|ADMINISTRATION|GENERAL BUREAU|OFFICE \d+)\b/;
const GOVERNMENT_BODY =
  /\b(MINISTRY|DEPARTMENT|BUREAU|COMMITTEE|COMMISSION|ADMINISTRATION|AUTHORITY|DIRECTORATE|ACADEMY|UNIVERSITY|OFFICE \d+|ORGANI[SZ]ATION|ESTABLISHE?MENT|HEADQUARTERS|INSTITUTE|RESEARCH CENT(ER|RE)|WORKERS’ PARTY)\b/;

export const UN_KIND_RULE =
  'The UN list gives an entity\'s regime (UN_LIST_TYPE) and name, not its kind: a name that reads as a charity (foundation, trust, relief) is a CHARITY, ' +
  'one that reads as a firm (company, bank, trading, shipping, industries) a COMPANY; under a state\'s regime (DPRK, Iran, Iraq, Libya) a name that reads as ' +
  'armed forces is a STATE_FORCE and one that reads as a ministry, department, bureau or agency a GOVERNMENT_BODY; under the regime of an armed group or ' +
  'conflict (Al-Qaida, Taliban, Somalia, DRC, CAR, ...) any other entity is a GROUP; otherwise UNKNOWN.';

/** The kind UN_KIND_RULE gives an entity of `regime` named `name`, or null. */
export function unEntityKind(regime: string | null, name: string): OrganizationKind | null {
  const upper = name.toUpperCase();
  // "... PILING AND FOUNDATIONS COMPANY" is a firm; "... CHARITY FOUNDATION" a charity.
  if (/\bCOMPAN(Y|IES)\b/.test(upper)) return 'COMPANY';
  if (CHARITY.test(upper)) return 'CHARITY';
  if (regime && STATE_REGIMES.has(regime)) {
    // A ministry of the armed forces is a ministry; a committee for space technology is no firm.
    if (STATE_BODY.test(upper)) return 'GOVERNMENT_BODY';
    if (STATE_FORCE.test(upper)) return 'STATE_FORCE';
    if (COMPANY.test(upper)) return 'COMPANY';
    if (GOVERNMENT_BODY.test(upper)) return 'GOVERNMENT_BODY';
    return null;
  }
  if (COMPANY.test(upper)) return 'COMPANY';
  return regime && ARMED_REGIMES.has(regime) ? 'GROUP' : null;
}
