/**
 * The instance's VAPID key pair for Web Push (RFC 8292), created once and kept in the settings
 * table of the database in DATA_DIR, so it survives restarts and moves with a backup.
 */
import { generateKeyPairSync } from "node:crypto";
import type { AppContext } from "../../context";
import { getSetting, insertSettingIfAbsent } from "../../db/queries/settings";
import { transaction } from "../../db/transaction";

function newKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const pub = publicKey.export({ format: "jwk" });
  const priv = privateKey.export({ format: "jwk" });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(pub.x!, "base64url"), Buffer.from(pub.y!, "base64url")]);
  return { publicKey: point.toString("base64url"), privateKey: priv.d! };
}

/** The VAPID public key (base64url, uncompressed P-256 point); generated and stored on first use. */
export function vapidPublicKey(ctx: AppContext): string {
  const get = () => getSetting(ctx.db, "vapid_public_key");
  const existing = get();
  if (existing) return existing;
  const k = newKeys();
  transaction(ctx.db, () => {
    // Only the process whose public key went in stores its private key.
    insertSettingIfAbsent(ctx.db, "vapid_public_key", k.publicKey);
    if (get() === k.publicKey) insertSettingIfAbsent(ctx.db, "vapid_private_key", k.privateKey);
  });
  return get()!;
}

/** The VAPID key pair: the public point and the private scalar `d`, both base64url (made on first use). */
export function vapidKeyPair(ctx: AppContext): { publicKey: string; privateKey: string } {
  const publicKey = vapidPublicKey(ctx);
  const privateKey = getSetting(ctx.db, "vapid_private_key");
  // Both are written in one transaction, so one without the other means a damaged database.
  if (!privateKey) throw new Error("the VAPID private key is missing from the settings table");
  return { publicKey, privateKey };
}
