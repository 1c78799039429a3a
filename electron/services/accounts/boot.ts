/** Kept for callers that start accounts on a bare core (tests); boot uses wiring/accounts.ts. */
export { wireAccountsAndAudit as startAccountsAndAudit } from '../wiring/accounts';
