// A TousAntiCovid Carnet client written from the protocol description alone (docs/tousanticovid.md), with its
// own ECDH / HMAC / AES-GCM on node:crypto. It imports nothing from src/: if the server drifts from the
// protocol, this client and the server stop understanding each other and the tests say so.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  createPublicKey,
  randomBytes,
  type KeyObject,
} from "node:crypto";

export const V1_PATH = "/api/client/convertor/decode/decodeDocument";
export const V2_PATH = "/api/v2/client/convertor/decode/decodeDocument";
export const KEYS_PATH = "/api/v2/client/convertor/keys";

export interface TacAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  /** The raw response text (v2: still encrypted). */
  readonly text: string;
}

export interface TacRequestOptions {
  readonly source?: string;
  readonly destination?: string;
  /** Sent as x-forwarded-for or nothing: the server must key its limit on the socket address in dev. */
  readonly headers?: Record<string, string>;
}

/** What the app encodes: the 2D-DOC with GS/RS/US percent-encoded, as iOS sent it (URL-fragment charset). */
export function percentEncodeLikeIos(document: string): string {
  return encodeURI(document).replaceAll("#", "%23");
}

function body(chainEncoded: string, options: TacRequestOptions): string {
  return JSON.stringify({ chainEncoded, source: options.source ?? "DEUX_D_DOC", destination: options.destination ?? "DGCA" });
}

async function post(url: string, payload: string, headers: Record<string, string> = {}): Promise<TacAnswer> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    headers: response.headers,
    text: await response.text(),
  };
}

/** v1: the body of a 2xx answer is the HC1 text. */
export function convertV1(baseUrl: string, chainEncoded: string, options: TacRequestOptions = {}): Promise<TacAnswer> {
  return post(`${baseUrl}${V1_PATH}`, body(chainEncoded, options), options.headers);
}

/** An ephemeral P-256 key pair of the app, and its SPKI as the `publicKey` query parameter wants it. */
export interface ClientKey {
  readonly privateKey: KeyObject;
  readonly spkiBase64: string;
}

export function newClientKey(): ClientKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { privateKey, spkiBase64: publicKey.export({ type: "spki", format: "der" }).toString("base64") };
}

/** k = HMAC-SHA256(key = ECDH x coordinate, "conversion"). */
export function conversionKey(client: KeyObject, serverSpkiBase64: string): Buffer {
  const serverKey = createPublicKey({ key: Buffer.from(serverSpkiBase64, "base64"), format: "der", type: "spki" });
  const shared = diffieHellman({ privateKey: client, publicKey: serverKey });
  return createHmac("sha256", shared).update("conversion").digest();
}

/** base64(IV ‖ AES-256-GCM ciphertext ‖ 16-byte tag). */
export function encrypt(key: Buffer, plaintext: string, iv: Buffer = randomBytes(12)): string {
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64");
}

export function decrypt(key: Buffer, message: string): string {
  const bytes = Buffer.from(message, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
}

export interface V2Options extends TacRequestOptions {
  readonly alias: string;
  readonly serverSpki: string;
  readonly client?: ClientKey;
  /** Overrides the `publicKey` query value (failure tests). */
  readonly publicKeyParam?: string;
  /** Changes the encrypted chainEncoded before sending (failure tests). */
  readonly tamper?: (wire: string) => string;
}

export interface V2Answer extends TacAnswer {
  /** The decrypted HC1 text of a 2xx answer. */
  readonly plaintext?: string;
}

/** v2: encrypt, send with `publicKey` and `keyAlias` in the query, decrypt a 2xx answer. */
export async function convertV2(baseUrl: string, document: string, options: V2Options): Promise<V2Answer> {
  const client = options.client ?? newClientKey();
  const key = conversionKey(client.privateKey, options.serverSpki);
  const wire = encrypt(key, document);
  const query = new URLSearchParams({ publicKey: options.publicKeyParam ?? client.spkiBase64, keyAlias: options.alias });
  const answer = await post(`${baseUrl}${V2_PATH}?${query.toString()}`, body(options.tamper?.(wire) ?? wire, options), options.headers);
  if (answer.status < 200 || answer.status > 299) return answer;
  return { ...answer, plaintext: decrypt(key, answer.text) };
}

/** The live aliases and their SPKIs, from the server's key publication. */
export async function fetchServerKeys(baseUrl: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}${KEYS_PATH}`);
  if (response.status !== 200) throw new Error(`keys endpoint answered ${response.status}`);
  return (await response.json()) as Record<string, string>;
}
