import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { readRegistry, ruleProperties } from "../rules";

const root = join(__dirname, "..", "..");

test("registry shapes: array or {rules}, casing variants, options as array or object", () => {
  assert.deepEqual(
    readRegistry([{ code: "placeholder", summary: "未填写的占位符", default_severity: "Error" }, { code: "Bad Code" }, 3]),
    [{ code: "placeholder", summary: "未填写的占位符", defaultSeverity: "error" }],
  );
  assert.deepEqual(
    readRegistry({
      rules: [
        {
          code: "stock-phrase-repeat",
          defaultSeverity: "warning",
          options: { "max-repeats": { default: 3, description: "同一套话最多出现几次" }, severity: {} },
        },
        { code: "length", options: [{ name: "minutes", type: "integer" }] },
      ],
    }),
    [
      {
        code: "stock-phrase-repeat",
        summary: "",
        defaultSeverity: "warning",
        options: [{ name: "max-repeats", type: "integer", default: 3, description: "同一套话最多出现几次" }],
      },
      { code: "length", summary: "", options: [{ name: "minutes", type: "integer" }] },
    ],
  );
});

test("each rule gets a severity setting with default and off; options become settings", () => {
  const properties = ruleProperties([
    { code: "residue", summary: "模板网站残留", defaultSeverity: "warning" },
    { code: "length", summary: "篇幅", options: [{ name: "minutes", type: "integer", default: 10 }] },
  ]);
  assert.deepEqual(Object.keys(properties), [
    "jianggao.rules.length.severity",
    "jianggao.rules.length.minutes",
    "jianggao.rules.residue.severity",
  ]);
  const residue = properties["jianggao.rules.residue.severity"];
  assert.deepEqual(residue.enum, ["default", "error", "warning", "info", "hint", "off"]);
  assert.equal(residue.default, "default");
  assert.equal((residue.enumDescriptions as string[])[0], "沿用规则的默认级别（警告）");
  assert.equal(residue.markdownDescription, "规则 `residue`：模板网站残留。选择该规则报告的级别，`off` 关闭此规则。");
  assert.deepEqual(properties["jianggao.rules.length.minutes"], {
    type: "integer",
    default: 10,
    order: 0,
    markdownDescription: "规则 `length` 的选项 `minutes`。",
  });
});

test("package.json has a severity setting for every rule in scripts/rules.json", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const keys = new Set<string>();
  for (const section of manifest.contributes.configuration) {
    for (const key of Object.keys(section.properties)) keys.add(key);
  }
  const rules = readRegistry(JSON.parse(readFileSync(join(root, "scripts", "rules.json"), "utf8")));
  assert.ok(rules.some((rule) => rule.code === "placeholder"));
  for (const rule of rules) {
    assert.ok(keys.has(`jianggao.rules.${rule.code}.severity`), rule.code);
  }
});
