export { startAccounts, accountsOf, resetSignInLimits, type AccountsContext, type AccountsOptions } from './context';
export { signIn } from './sign-in';
export { signOut, lock, unlock, changePassword, activity } from './session-ops';
export { setupStatus, setupAdmin, ensureDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from './setup';
export * as accountAdmin from './admin';
export { sessionGate, eventVisible } from './gate';
export { effectiveRoles, ROLES } from './roles';
export { hashPassword, verifyPassword, checkPasswordPolicy, DEFAULT_KDF, type KdfParams } from './password';
export { AuthError, type AuthErrorCode } from './errors';
