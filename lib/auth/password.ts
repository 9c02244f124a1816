// better-auth's scrypt hashing, so accounts made here sign in through better-auth unchanged.
export { hashPassword, verifyPassword } from "better-auth/crypto";
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordSchema } from "./password-policy";
