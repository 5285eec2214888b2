import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is an ambient const enum; Argon2id is its value 2.
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id minimum (m=19 MiB, t=2, p=1), as the platform promises (C4, S4). */
export const argon2Options = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash of a random password: verifying against it when the account does not exist costs the
// same time as a real check, so response times do not reveal which emails have accounts.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await decoy, password);
  return false;
}
