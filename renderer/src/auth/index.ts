export { AuthGate } from './AuthGate';
export { CitizenSlipButton } from './CitizenSlip';
