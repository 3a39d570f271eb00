/**
 * `mkt-rulebook key`: the key steps of issue 12 point 1, each a signed entry of the log,
 * signed with this profile's key as `act` signs: publish this profile's key (made now if it
 * has none), introduce another device's key of yours
 * (by its key ID in the log, or its public key text), approve a pending key (a director), or
 * revoke a key (its owner's other key, or a director).
 */
import { describeError } from "../i18n";
import { isRuleError } from "../rules";
import { takeKeyStep, type KeyStep } from "../services";
import { actorOf, checkLogBefore, keepNewKey, keyFor, rememberAfter } from "./act-signing";
import { EXIT_DATA, EXIT_OK, saveIfAsked, type CommandContext } from "./commands";
import { usageProblem } from "./files/problem";

function stepOf(options: Record<string, unknown>): KeyStep {
  const given = (["publish", "introduce", "approve", "revoke"] as const).filter((kind) => (kind === "publish" ? options[kind] === true : typeof options[kind] === "string"));
  if (given.length !== 1) throw usageProblem("keyOneStep");
  const [kind] = given;
  if (kind === "publish") return { kind };
  const value = String(options[kind]).trim();
  return kind === "introduce" ? { kind, publicKey: value } : { kind, keyId: value };
}

export async function runKey(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const step = stepOf(options);
  const actor = actorOf(context, options);
  const key = await keyFor(context, actor);
  if (key.isNew && step.kind !== "publish") throw usageProblem("keyNoProfileKey");
  const olderCopy = Boolean(options.olderCopy);
  const before = await checkLogBefore(context, actor, key.key, olderCopy);
  if (!before) return EXIT_DATA;
  const { signer } = key.key;
  const outcome = await takeKeyStep(context.tables, step, actor, { signer, newWorkbookId: options.out !== undefined, now: context.now() });
  if (outcome.kind === "refused") {
    context.say("keyRefused", { reason: isRuleError(outcome.error) ? describeError(outcome.error, context.lang) : "" });
    return EXIT_DATA;
  }
  context.print(`keyId=${outcome.keyId} state=${outcome.state}`);
  context.say("keyDone", { keyId: outcome.keyId, state: context.lang === "zh" ? STATE_ZH[outcome.state] : outcome.state });
  await keepNewKey(context, key);
  await saveIfAsked(context);
  await rememberAfter(context, context.tables, actor, signer, before, olderCopy);
  return EXIT_OK;
}

const STATE_ZH = { introduced: "已引入", pending: "待批准", revoked: "已吊销" } as const;
