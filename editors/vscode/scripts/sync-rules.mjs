#!/usr/bin/env node
// Regenerates the per-rule settings (`jianggao.rules.<code>.*`) in package.json from the rule
// registry, so a new rule cannot be forgotten in the settings UI.
//
//   node scripts/sync-rules.mjs            refresh scripts/rules.json from `jianggao rules
//                                          --format json` when a binary is found, then rewrite
//                                          package.json
//   node scripts/sync-rules.mjs --check    exit 1 if package.json is out of date (npm test)
//   node scripts/sync-rules.mjs --prune    also drop snapshot rules the binary does not know
//
// Rules in the snapshot that the binary does not list yet (planned rules) are kept unless
// --prune is given, so a partial registry cannot drop their settings.
// The binary is $JIANGGAO_BIN, else `jianggao` on PATH; without one the committed snapshot
// scripts/rules.json is used as it is.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ruleProperties, readRegistry } from "../out/rules.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const snapshotPath = join(root, "scripts", "rules.json");
const manifestPath = join(root, "package.json");
const check = process.argv.includes("--check");
const prune = process.argv.includes("--prune");

function fromBinary() {
  const bin = process.env.JIANGGAO_BIN || "jianggao";
  try {
    const stdout = execFileSync(bin, ["rules", "--format", "json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return readRegistry(JSON.parse(stdout));
  } catch {
    return undefined;
  }
}

const snapshot = JSON.parse(readFileSync(snapshotPath, "utf8"));
let rules = readRegistry(snapshot);
if (!check) {
  const live = fromBinary();
  if (live && live.length > 0) {
    const known = new Set(live.map((rule) => rule.code));
    const planned = prune ? [] : rules.filter((rule) => !known.has(rule.code));
    rules = [...live, ...planned];
    writeFileSync(snapshotPath, JSON.stringify({ note: snapshot.note, rules }, null, 2) + "\n");
    console.log(
      `rules: ${live.length} from the jianggao binary` +
        (planned.length ? `, ${planned.length} kept from the snapshot (not in the registry yet; --prune drops them)` : ""),
    );
  } else {
    console.log(`rules: ${rules.length} from scripts/rules.json (no jianggao binary with \`rules\`)`);
  }
}

const manifestText = readFileSync(manifestPath, "utf8");
const manifest = JSON.parse(manifestText);
const configuration = manifest.contributes.configuration;
const sections = Array.isArray(configuration) ? configuration : [configuration];
const rulesSection = sections.find((s) => s.id === "jianggao.rules");
if (!rulesSection) {
  console.error('package.json: no configuration section with id "jianggao.rules"');
  process.exit(2);
}
rulesSection.properties = ruleProperties(rules);
const updated = JSON.stringify(manifest, null, 2) + "\n";

if (check) {
  if (updated !== manifestText) {
    console.error("package.json is out of date with scripts/rules.json: run `npm run sync-rules`");
    process.exit(1);
  }
  console.log(`package.json covers ${rules.length} rules`);
} else {
  writeFileSync(manifestPath, updated);
}
