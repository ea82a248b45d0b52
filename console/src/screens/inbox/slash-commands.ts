/** `/name=Ada Lovelace`, `/email=ada@example.com`, `/phone=+44 20…`: the agent corrects what we know about the visitor. */
export type ContactField = 'name' | 'email' | 'phone';
export interface SlashCommand {
  field: ContactField;
  value: string;
}

const COMMAND = /^\/(name|email|phone)=(.*)$/s;

/** The command in a composer text, or null when the text is an ordinary message. */
export function parseSlashCommand(text: string): SlashCommand | null {
  const found = COMMAND.exec(text.trim());
  if (!found) return null;
  return { field: found[1] as ContactField, value: found[2]!.trim() };
}

/** Help shown while the agent types a slash. */
export const SLASH_HELP = '/name=…, /email=… or /phone=… saves it on the visitor';
