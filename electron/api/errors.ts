/** The error base services throw; the API turns it into the wire's ApiError (public-error.ts). */
export { AppError, type ErrorParams } from '../services/errors';
