// The rule registry as the settings UI sees it: read from `jianggao rules --format json` (or the
// committed snapshot) and turned into `contributes.configuration` properties. Pure: no `vscode`.

export const SEVERITIES = ["default", "error", "warning", "info", "hint", "off"] as const;
export type SeveritySetting = (typeof SEVERITIES)[number];

export interface RuleOption {
  name: string;
  type?: string | string[];
  default?: unknown;
  description?: string;
  enum?: unknown[];
}

export interface RuleInfo {
  code: string;
  summary: string;
  defaultSeverity?: string;
  options?: RuleOption[];
}

const SEVERITY_NAMES: Record<string, string> = {
  error: "错误",
  warning: "警告",
  info: "提示",
  information: "提示",
  hint: "暗示",
};

/** Reads the rules from `jianggao rules --format json` output, tolerating the likely shapes:
 *  an array of rules or `{ rules: [...] }`, snake/camel/kebab-case keys, options as an array
 *  or an object keyed by name. Unusable entries are skipped. */
export function readRegistry(json: unknown): RuleInfo[] {
  const list = Array.isArray(json)
    ? json
    : isObject(json) && Array.isArray(json.rules)
      ? json.rules
      : [];
  const rules: RuleInfo[] = [];
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.code !== "string" || !/^[a-z0-9-]+$/.test(entry.code)) {
      continue;
    }
    const rule: RuleInfo = {
      code: entry.code,
      summary: typeof entry.summary === "string" ? entry.summary : "",
    };
    const severity =
      entry.defaultSeverity ?? entry.default_severity ?? entry["default-severity"] ?? entry.severity;
    if (typeof severity === "string") {
      rule.defaultSeverity = severity.toLowerCase();
    }
    const options = readOptions(entry.options);
    if (options.length > 0) {
      rule.options = options;
    }
    rules.push(rule);
  }
  return rules;
}

function readOptions(raw: unknown): RuleOption[] {
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((o) => [isObject(o) && typeof o.name === "string" ? o.name : "", o])
    : isObject(raw)
      ? Object.entries(raw)
      : [];
  const options: RuleOption[] = [];
  for (const [name, spec] of entries) {
    // `severity` is the rule's level, contributed separately.
    if (!/^[a-z0-9-]+$/.test(name) || name === "severity") {
      continue;
    }
    const option: RuleOption = { name };
    if (isObject(spec)) {
      if (typeof spec.type === "string" || Array.isArray(spec.type)) option.type = spec.type as string | string[];
      if ("default" in spec) option.default = spec.default;
      if (typeof spec.description === "string") option.description = spec.description;
      else if (typeof spec.summary === "string") option.description = spec.summary;
      if (Array.isArray(spec.enum)) option.enum = spec.enum;
    }
    if (option.type === undefined) {
      option.type = jsonType(option.default);
    }
    options.push(option);
  }
  return options;
}

function jsonType(value: unknown): string | string[] {
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "array";
  if (isObject(value)) return "object";
  return ["string", "number", "boolean", "array", "object"];
}

/** The `contributes.configuration` properties for the rules: a severity per rule (with
 *  `default` = keep the rule's own level, and `off`), plus each rule's options. */
export function ruleProperties(rules: RuleInfo[]): Record<string, Record<string, unknown>> {
  const properties: Record<string, Record<string, unknown>> = {};
  const sorted = [...rules].sort((a, b) => a.code.localeCompare(b.code));
  sorted.forEach((rule, index) => {
    const own = rule.defaultSeverity ? SEVERITY_NAMES[rule.defaultSeverity] : undefined;
    const keep = own ? `沿用规则的默认级别（${own}）` : "沿用规则的默认级别";
    const summary = rule.summary ? `：${rule.summary}` : "";
    properties[`jianggao.rules.${rule.code}.severity`] = {
      type: "string",
      enum: [...SEVERITIES],
      enumDescriptions: [keep, "错误", "警告", "提示", "暗示（仅在编辑器中淡色显示）", "关闭此规则"],
      default: "default",
      order: index,
      markdownDescription: `规则 \`${rule.code}\`${summary}。选择该规则报告的级别，\`off\` 关闭此规则。`,
    };
    for (const option of rule.options ?? []) {
      const schema: Record<string, unknown> = { type: option.type };
      if (option.default !== undefined) schema.default = option.default;
      if (option.enum) schema.enum = option.enum;
      schema.order = index;
      schema.markdownDescription =
        `规则 \`${rule.code}\` 的选项 \`${option.name}\`` +
        (option.description ? `：${option.description}` : "。");
      properties[`jianggao.rules.${rule.code}.${option.name}`] = schema;
    }
  });
  return properties;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
