/**
 * Web Push message encryption, pure functions over bytes: RFC 8291 `aes128gcm` (RFC 8188 framing,
 * one record) and the legacy `aesgcm` of draft-ietf-webpush-encryption-04 that subscriptions
 * without `standard` still use; plus the key checks subscriptions are validated with.
 */
import { createCipheriv, createECDH, ECDH, hkdfSync, randomBytes } from "node:crypto";

/** An encrypted push message: the body to POST and, for `aesgcm`, what goes in its headers. */
export interface EncryptedPush {
  body: Uint8Array;
  /** The application server's one-time public key (65 bytes). */
  serverPublicKey: Uint8Array;
  salt: Uint8Array;
}

/** The record size written in the aes128gcm header (one record carries the whole message). */
const RECORD_SIZE = 4096;

/**
 * Decodes a base64url (or standard base64) string, with or without padding; null when it is not
 * well-formed base64 (stray characters, impossible length).
 */
export function decodeBase64Url(s: string): Buffer | null {
  const t = s.trim();
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(t)) return null;
  const bare = t.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  if (bare.length % 4 === 1) return null;
  const buf = Buffer.from(bare, "base64url");
  return buf.toString("base64url") === bare ? buf : null;
}

/** True when `key` is an uncompressed P-256 point (65 bytes, 0x04 prefix) that lies on the curve. */
export function isP256Point(key: Uint8Array): boolean {
  if (key.length !== 65 || key[0] !== 4) return false;
  try {
    ECDH.convertKey(Buffer.from(key), "prime256v1", undefined, undefined, "uncompressed");
    return true;
  } catch {
    return false;
  }
}

const hkdf = (ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, len: number) => Buffer.from(hkdfSync("sha256", ikm, salt, info, len));

function aesGcm(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer {
  const c = createCipheriv("aes-128-gcm", key, nonce);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function ephemeral(uaPublic: Uint8Array): { serverPublicKey: Buffer; secret: Buffer } {
  const e = createECDH("prime256v1");
  e.generateKeys();
  return { serverPublicKey: e.getPublicKey(), secret: e.computeSecret(Buffer.from(uaPublic)) };
}

/**
 * RFC 8291 (`Content-Encoding: aes128gcm`): the body is the RFC 8188 header (salt, record size,
 * the server's public key as key id) followed by one AES-128-GCM record ending in the 0x02 delimiter.
 */
export function encryptAes128gcm(plaintext: Uint8Array, uaPublic: Uint8Array, authSecret: Uint8Array): EncryptedPush {
  const { serverPublicKey, secret } = ephemeral(uaPublic);
  const salt = randomBytes(16);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, serverPublicKey]);
  const ikm = hkdf(secret, authSecret, keyInfo, 32);
  const cek = hkdf(ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const nonce = hkdf(ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12);
  if (plaintext.length + 17 > RECORD_SIZE) throw new Error("push message too long for one record");
  const record = aesGcm(cek, nonce, Buffer.concat([plaintext, Buffer.from([2])]));
  const header = Buffer.alloc(21);
  salt.copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header[20] = serverPublicKey.length;
  return { body: Buffer.concat([header, serverPublicKey, record]), serverPublicKey, salt };
}

/**
 * draft-ietf-webpush-encryption-04 (`Content-Encoding: aesgcm`): the salt travels in the
 * `Encryption` header and the server's public key in `Crypto-Key: dh=`; the body is one record
 * with a two-byte padding length (zero) before the message.
 */
export function encryptAesgcm(plaintext: Uint8Array, uaPublic: Uint8Array, authSecret: Uint8Array): EncryptedPush {
  const { serverPublicKey, secret } = ephemeral(uaPublic);
  const salt = randomBytes(16);
  const ikm = hkdf(secret, authSecret, Buffer.from("Content-Encoding: auth\0"), 32);
  const len = (n: number) => Buffer.from([n >> 8, n & 255]);
  const context = Buffer.concat([Buffer.from("P-256\0"), len(uaPublic.length), uaPublic, len(serverPublicKey.length), serverPublicKey]);
  const cek = hkdf(ikm, salt, Buffer.concat([Buffer.from("Content-Encoding: aesgcm\0"), context]), 16);
  const nonce = hkdf(ikm, salt, Buffer.concat([Buffer.from("Content-Encoding: nonce\0"), context]), 12);
  const body = aesGcm(cek, nonce, Buffer.concat([len(0), plaintext]));
  return { body, serverPublicKey, salt };
}
