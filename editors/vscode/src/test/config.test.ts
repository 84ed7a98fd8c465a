import assert from "node:assert/strict";
import { test } from "node:test";

import { configurationItem, documentSelector, toServerSettings } from "../config";

// The `jianggao` section as VS Code returns it with every contributed default in place.
const defaults = {
  enable: true,
  serverPath: "",
  documentSelector: [{ language: "plaintext" }, { language: "markdown" }, { language: "jianggao" }],
  debounceMs: 100,
  draft: { kind: "", charsPerMinute: 220 },
  trace: { server: "off" },
  rules: {
    placeholder: { severity: "default" },
    "numbering-gap": { severity: "default" },
  },
};

test("defaults map to the server's shape without rule overrides or client-only keys", () => {
  assert.deepEqual(toServerSettings(defaults), {
    enable: true,
    "debounce-ms": 100,
    draft: { "chars-per-minute": 220 },
  });
});

test("severities, options, draft kind and camelCase keys are mapped", () => {
  const section = {
    ...defaults,
    enable: false,
    debounceMs: 250,
    draft: { kind: " 工作会议 ", charsPerMinute: 180 },
    rules: {
      placeholder: { severity: "off" },
      "numbering-gap": { severity: "warning" },
      "stock-phrase-repeat": { severity: "default", "max-repeats": 3, phrases: ["高度重视"] },
      length: { severity: "hint", target: undefined },
    },
  };
  assert.deepEqual(toServerSettings(section), {
    enable: false,
    "debounce-ms": 250,
    draft: { kind: "工作会议", "chars-per-minute": 180 },
    rules: {
      placeholder: { severity: "off" },
      "numbering-gap": { severity: "warning" },
      "stock-phrase-repeat": { "max-repeats": 3, phrases: ["高度重视"] },
      length: { severity: "hint" },
    },
  });
});

test("hand-written shorthands in settings.json are passed as the server accepts them", () => {
  assert.deepEqual(toServerSettings({ rules: { placeholder: "off", residue: false, length: true, "numbering-gap": "default" } }), {
    rules: { placeholder: "off", residue: "off" },
  });
});

test("unknown keys pass through so the server can report them; non-objects give {}", () => {
  assert.deepEqual(toServerSettings({ colour: "red", draft: { pace: 3 } }), { colour: "red", draft: { pace: 3 } });
  assert.deepEqual(toServerSettings(undefined), {});
  assert.deepEqual(toServerSettings("off"), {});
});

test("workspace/configuration answers our section and dotted keys, not others", () => {
  const settings = toServerSettings({ enable: true, rules: { placeholder: { severity: "error" } } });
  assert.deepEqual(configurationItem("jianggao", settings), { enable: true, rules: { placeholder: { severity: "error" } } });
  assert.deepEqual(configurationItem("jianggao.rules.placeholder", settings), { severity: "error" });
  assert.equal(configurationItem("jianggao.rules.residue", settings), null);
  assert.equal(configurationItem("editor", settings), undefined);
  assert.equal(configurationItem(undefined, settings), undefined);
});

test("document selector: languages get file and untitled schemes; explicit schemes are kept", () => {
  assert.deepEqual(documentSelector(undefined), [
    { language: "plaintext", scheme: "file" },
    { language: "plaintext", scheme: "untitled" },
    { language: "markdown", scheme: "file" },
    { language: "markdown", scheme: "untitled" },
    { language: "jianggao", scheme: "file" },
    { language: "jianggao", scheme: "untitled" },
  ]);
  assert.deepEqual(documentSelector(["markdown", { language: "plaintext", pattern: "**/讲稿/**", scheme: "file" }, { foo: 1 }]), [
    { language: "markdown", scheme: "file" },
    { language: "markdown", scheme: "untitled" },
    { language: "plaintext", pattern: "**/讲稿/**", scheme: "file" },
  ]);
  assert.equal(documentSelector([]).length, 6);
  assert.equal(documentSelector([{ nothing: true }]).length, 6);
});
