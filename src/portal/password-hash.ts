// Agents' passwords: node's scrypt (RFC 7914), a memory-hard function, in a PHC-like string
// `$scrypt$ln=15,r=8,p=1$<salt base64>$<hash base64>` so the cost can rise later without breaking stored hashes.
// N = 2^15, r = 8 (32 MiB a check) follows the OWASP Password Storage Cheat Sheet's scrypt minimum.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG_N = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function scrypt(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  // maxmem above 128 · N · r, which node's 32 MiB default does not leave room for at these parameters.
  const cost = { ...options, maxmem: 256 * (options.N ?? 0) * (options.r ?? 0) + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize("NFC"), salt, length, cost, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, { N: 2 ** LOG_N, r: BLOCK_SIZE, p: PARALLELISM }, KEY_LENGTH);
  return `$scrypt$ln=${LOG_N},r=${BLOCK_SIZE},p=${PARALLELISM}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Whether `hash` is a stored hash this module can check (the agents file is refused otherwise). */
export function isPasswordHash(hash: string): boolean {
  const match = FORMAT.exec(hash);
  return match !== null && Number(match[1]) >= 10 && Number(match[1]) <= 20;
}

/** Checks a password in constant time for its hash; a malformed hash never matches. */
export async function checkPassword(password: string, hash: string): Promise<boolean> {
  const match = FORMAT.exec(hash);
  if (match === null || !isPasswordHash(hash)) return false;
  const expected = Buffer.from(match[5]!, "base64");
  const options = { N: 2 ** Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const key = await scrypt(password, Buffer.from(match[4]!, "base64"), options, expected.length);
  return expected.length > 0 && timingSafeEqual(key, expected);
}

/** A hash no password matches, checked for unknown identifiers so that they cost the same time as known ones. */
export const DECOY_HASH = `$scrypt$ln=${LOG_N},r=${BLOCK_SIZE},p=${PARALLELISM}$${"A".repeat(22)}==$${"A".repeat(43)}=`;
