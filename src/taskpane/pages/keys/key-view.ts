import { KEY_APPROVER_ROLE, type Actor, type KeyRegistry, type KeyState, type RegisteredKey } from "../../../rules";

/** A key step the user may take on a key of the log, as the log's rules allow it (rules/key-registry.ts). */
export type KeyChoice = "approve" | "introduce" | "revoke";

export interface KeyRow {
  readonly key: RegisteredKey;
  /** This computer's key for the user. */
  readonly mine: boolean;
  readonly choices: readonly KeyChoice[];
}

/** Where the user's own key stands in the log: not published yet, or its state. */
export type MyKeyStanding = "unpublished" | KeyState;

export function myKeyStanding(registry: KeyRegistry, myKeyId: string | undefined): MyKeyStanding | undefined {
  if (myKeyId === undefined) return undefined;
  return registry.get(myKeyId)?.state ?? "unpublished";
}

/**
 * The steps the user's key may take on `key`, offered only when the log would take them:
 * the user's key introduced; a director approves a pending key; the owner introduces their own
 * pending key from another device; the owner (with another key) or a director revokes a key.
 */
function choicesFor(key: RegisteredKey, me: Actor, myKeyId: string, canSign: boolean): KeyChoice[] {
  if (!canSign || key.keyId === myKeyId) return [];
  const choices: KeyChoice[] = [];
  const own = key.name === me.name.trim();
  // The user's own pending key from another device is introduced, even by a director: that is what it is.
  const ownDevice = own && key.role === me.role;
  if (key.state === "pending" && ownDevice) choices.push("introduce");
  else if (key.state === "pending" && me.role === KEY_APPROVER_ROLE) choices.push("approve");
  if (key.state !== "revoked" && (own || me.role === KEY_APPROVER_ROLE)) choices.push("revoke");
  return choices;
}

/** Every key of the log, in the order it was published, with what the user may do with it. */
export function keyRows(registry: KeyRegistry, me: Actor | undefined, myKeyId: string | undefined): KeyRow[] {
  const canSign = myKeyId !== undefined && registry.get(myKeyId)?.state === "introduced";
  return [...registry.values()].map((key) => ({
    key,
    mine: key.keyId === myKeyId,
    choices: me && myKeyId !== undefined ? choicesFor(key, me, myKeyId, canSign) : [],
  }));
}
