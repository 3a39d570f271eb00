import type { Command, CommanderError, HelpConfiguration, Option } from "commander";
import { listChoices, translate, type Language } from "../i18n";

/**
 * Commander stopped: help or the version was shown (exit code 0), or `command` was used
 * wrongly. Thrown by each command's own exitOverride: the error alone does not say which
 * command it came from, and the usage line shown must be that command's.
 */
export class CommandLineStop extends Error {
  readonly stop: CommanderError;
  readonly command: Command;

  constructor(stop: CommanderError, command: Command) {
    super(stop.message);
    this.name = "CommandLineStop";
    this.stop = stop;
    this.command = command;
  }
}

export const stopIn =
  (command: Command) =>
  (stop: CommanderError): never => {
    throw new CommandLineStop(stop, command);
  };

const text = (lang: Language, key: string, params: Record<string, unknown> = {}) => translate(lang, `cli.${key}`, params);

function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/** "mkt-rulebook budget [options] <file>", shown under every usage mistake. */
export function usageOf(command: Command): string {
  return `${commandPath(command)} ${command.usage()}`;
}

/** Commander's section titles, as keys of cli.helpTitle. */
const TITLES: Readonly<Record<string, string>> = { "Usage:": "usage", "Arguments:": "arguments", "Options:": "options", "Global Options:": "globalOptions", "Commands:": "commands" };

/** Help in the user's language, --lang (a program option) shown in every command's help. */
export function helpIn(lang: Language): HelpConfiguration {
  return {
    showGlobalOptions: true,
    styleTitle: (title) => (title in TITLES ? text(lang, `helpTitle.${TITLES[title]}`) : title),
    // Our descriptions give the choices and defaults in the user's language; commander would add "(choices: …)" in English.
    optionDescription: (option) => option.description,
  };
}

/** An option by the flags commander names it by ("--month <YYYY-MM>"), the command's own or a program option. */
function optionOf(command: Command, flags: string): Option | undefined {
  for (let c: Command | null = command; c; c = c.parent) {
    const option = c.options.find((o) => o.flags === flags);
    if (option) return option;
  }
  return undefined;
}

const quoted = (word: string) => `“${word}”`;

interface MistakeReader {
  /** Commander's own message (v14): what it names is in quotes; the captures are what say() gets. */
  readonly pattern: RegExp;
  readonly say: (named: readonly string[], command: Command, lang: Language) => string;
}

/** Each commander error code, said as one line of ours naming the option or argument. */
const MISTAKES: Readonly<Record<string, MistakeReader>> = {
  "commander.unknownCommand": {
    pattern: /^error: unknown command '(.*)'/,
    say: ([name], command, lang) => text(lang, "mistake.unknownCommand", { name, commands: listChoices(command.commands.map((c) => c.name()), lang) }),
  },
  "commander.unknownOption": {
    pattern: /^error: unknown option '(.*)'(?:\n\(Did you mean (?:one of )?(.*)\?\))?$/,
    say: ([option, suggestion], command, lang) => text(lang, suggestion ? "mistake.unknownOptionHint" : "mistake.unknownOption", { command: commandPath(command), option, suggestion }),
  },
  "commander.missingArgument": {
    pattern: /^error: missing required argument '(.*)'$/,
    say: ([argument], command, lang) =>
      text(lang, "mistake.missingArgument", { command: commandPath(command), argument, description: command.registeredArguments.find((a) => a.name() === argument)?.description }),
  },
  "commander.missingMandatoryOptionValue": {
    pattern: /^error: required option '(.*)' not specified$/,
    say: ([flags], command, lang) => text(lang, "mistake.missingOption", { command: commandPath(command), flags, description: optionOf(command, flags)?.description }),
  },
  "commander.optionMissingArgument": {
    pattern: /^error: option '(.*)' argument missing$/,
    say: ([flags], command, lang) => text(lang, "mistake.optionValueMissing", { option: optionOf(command, flags)?.long ?? flags, flags }),
  },
  "commander.invalidArgument": {
    pattern: /^error: option '([^']*)' argument '(.*)' is invalid\./,
    say: ([flags, value], command, lang) => {
      const option = optionOf(command, flags);
      return text(lang, "mistake.invalidChoice", { option: option?.long ?? flags, value, choices: listChoices(option?.argChoices ?? [], lang) });
    },
  },
  "commander.excessArguments": {
    pattern: /^error: too many arguments/,
    say: (_, command, lang) => {
      const expected = command.registeredArguments;
      const extra = command.args.slice(expected.length).map(quoted).join(" ");
      return text(lang, "mistake.excessArguments", { extra, command: commandPath(command), arguments: expected.map((a) => `<${a.name()}>`).join(" ") });
    },
  },
};

/** A usage mistake as one line in the user's language; an error of a shape not foreseen, in commander's words without its "error: ". */
export function mistakeLine(stop: CommanderError, command: Command, lang: Language): string {
  const reader = MISTAKES[stop.code];
  const named = reader?.pattern.exec(stop.message);
  if (reader && named) return reader.say(named.slice(1), command, lang);
  return stop.message.replace(/^error: /, "").split("\n")[0];
}

/**
 * The command a mistake is about. A program option (--lang) with a bad value is the
 * program's error even after a command's name; the usage line is then the named command's.
 */
export function mistakenCommand({ stop, command }: CommandLineStop, argv: readonly string[]): Command {
  if (command.parent || !["commander.invalidArgument", "commander.optionMissingArgument"].includes(stop.code)) return command;
  const named = argv.find((word, i) => argv[i - 1] !== "--lang" && command.commands.some((c) => c.name() === word));
  return command.commands.find((c) => c.name() === named) ?? command;
}
