import { hashPassword, verifyPassword } from "better-auth/crypto";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

// better-auth's scrypt hashing, so accounts made here sign in through better-auth unchanged.
export { hashPassword, verifyPassword };
