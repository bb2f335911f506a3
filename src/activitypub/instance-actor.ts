/**
 * The instance actor (owner: signatures helper): an Application actor at /actor that signs
 * our own fetches and can be fetched without a signature.
 */
import type { AppContext } from "../context";

/** The instance actor's account id, creating it (with a key pair) on first use. */
export async function instanceActorId(ctx: AppContext): Promise<number> {
  void ctx;
  throw new Error("instanceActorId: not implemented");
}
