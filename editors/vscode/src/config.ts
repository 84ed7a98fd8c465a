// VS Code settings → the server's `jianggao` settings object. Pure: no `vscode` import, so it
// is unit-tested by `npm test` without an editor.
//
// Server shape: { enable, "debounce-ms", draft: { kind, "chars-per-minute" },
//                 rules: { <code>: { severity, ...options } } }

/** Settings only the extension reads; never sent to the server. */
export const CLIENT_ONLY_KEYS = ["serverPath", "documentSelector", "trace"] as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Maps the `jianggao` section as VS Code returns it (a nested object) to what the server reads.
 *  `severity: "default"` and empty values mean "not set" and are left out, so a project's
 *  `jianggao.toml` and the rules' own defaults apply. Unknown keys are passed through so the
 *  server can report them. */
export function toServerSettings(section: unknown): JsonObject {
  const out: JsonObject = {};
  if (!isObject(section)) {
    return out;
  }
  for (const [key, value] of Object.entries(section)) {
    if ((CLIENT_ONLY_KEYS as readonly string[]).includes(key) || value === undefined) {
      continue;
    }
    switch (key) {
      case "enable":
        if (typeof value === "boolean") out.enable = value;
        break;
      case "debounceMs":
      case "debounce-ms":
        if (typeof value === "number") out["debounce-ms"] = value;
        break;
      case "draft": {
        const draft = toDraft(value);
        if (Object.keys(draft).length > 0) out.draft = draft;
        break;
      }
      case "rules": {
        const rules = toRules(value);
        if (Object.keys(rules).length > 0) out.rules = rules;
        break;
      }
      default:
        out[key] = toJson(value);
    }
  }
  return out;
}

function toDraft(value: unknown): JsonObject {
  const draft: JsonObject = {};
  if (!isObject(value)) return draft;
  for (const [key, v] of Object.entries(value)) {
    if (key === "kind") {
      if (typeof v === "string" && v.trim() !== "") draft.kind = v.trim();
    } else if (key === "charsPerMinute" || key === "chars-per-minute") {
      if (typeof v === "number") draft["chars-per-minute"] = v;
    } else if (v !== undefined && v !== null) {
      draft[key] = toJson(v);
    }
  }
  return draft;
}

function toRules(value: unknown): JsonObject {
  const rules: JsonObject = {};
  if (!isObject(value)) return rules;
  for (const [code, setting] of Object.entries(value)) {
    if (typeof setting === "string") {
      // `"jianggao.rules": { "placeholder": "off" }` typed by hand in settings.json.
      if (setting !== "default" && setting !== "") rules[code] = setting;
      continue;
    }
    if (typeof setting === "boolean") {
      if (!setting) rules[code] = "off";
      continue;
    }
    if (!isObject(setting)) continue;
    const rule: JsonObject = {};
    for (const [key, v] of Object.entries(setting)) {
      if (v === undefined || v === null) continue;
      if (key === "severity" && (v === "default" || v === "")) continue;
      rule[key] = toJson(v);
    }
    if (Object.keys(rule).length > 0) rules[code] = rule;
  }
  return rules;
}

/** Answers one `workspace/configuration` item: our section (or a key inside it) from the
 *  mapped settings; `undefined` for other sections (left to the default handler). */
export function configurationItem(section: string | undefined, settings: JsonObject): Json | undefined {
  if (section === "jianggao") return settings;
  if (section?.startsWith("jianggao.")) {
    let node: Json | undefined = settings;
    for (const part of section.slice("jianggao.".length).split(".")) {
      node = isObject(node) ? (node as JsonObject)[part] : undefined;
    }
    return node ?? null;
  }
  return undefined;
}

/** A document filter as `vscode-languageclient` takes it. */
export interface DocumentFilter {
  language?: string;
  scheme?: string;
  pattern?: string;
}

export const DEFAULT_DOCUMENT_SELECTOR: DocumentFilter[] = [
  { language: "plaintext" },
  { language: "markdown" },
  { language: "jianggao" },
];

/** `jianggao.documentSelector` → filters. Strings are language ids; filters without a scheme
 *  are limited to files on disk and unsaved buffers (not git diffs, output panels, …). An empty
 *  or invalid setting falls back to the default. */
export function documentSelector(setting: unknown): DocumentFilter[] {
  const entries = Array.isArray(setting) && setting.length > 0 ? setting : DEFAULT_DOCUMENT_SELECTOR;
  const filters: DocumentFilter[] = [];
  for (const entry of entries) {
    const filter: DocumentFilter =
      typeof entry === "string" ? { language: entry } : isObject(entry) ? pickFilter(entry) : {};
    if (!filter.language && !filter.pattern) continue;
    if (filter.scheme) {
      filters.push(filter);
    } else {
      filters.push({ ...filter, scheme: "file" }, { ...filter, scheme: "untitled" });
    }
  }
  return filters.length > 0 ? filters : documentSelector(DEFAULT_DOCUMENT_SELECTOR);
}

function pickFilter(entry: Record<string, unknown>): DocumentFilter {
  const filter: DocumentFilter = {};
  if (typeof entry.language === "string" && entry.language) filter.language = entry.language;
  if (typeof entry.scheme === "string" && entry.scheme) filter.scheme = entry.scheme;
  if (typeof entry.pattern === "string" && entry.pattern) filter.pattern = entry.pattern;
  return filter;
}

function toJson(value: unknown): Json {
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
    return value;
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && typeof v !== "function") out[k] = toJson(v);
    }
    return out;
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
